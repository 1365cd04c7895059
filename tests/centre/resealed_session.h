#pragma once
// A recorded session made over for a test: its header changed (another trainee, another scenario
// version), every line sealed again in order and the signatures made again with a key of its own, so
// that it is as intact as a real station's recording of it would be. Shared by the centre's tests and
// the browser test's seed program.
#include "core/session/session_signing.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace centre_test {

inline std::vector<std::string> resealed(const std::vector<std::string>& lines,
                                         const std::function<void(nlohmann::json& header)>& changeHeader) {
    const pinpoint::core::SigningKey key = pinpoint::core::SigningKey::generate();
    pinpoint::core::SessionChain chain;
    std::vector<std::string> out;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        nlohmann::json line = nlohmann::json::parse(lines[i]);
        if (line.value("type", "") == "signature") {
            out.push_back(chain.signatureLine(line["t"].get<double>(), key, line.value("final", false)));
            continue;
        }
        line.erase("h");
        if (i == 0) changeHeader(line);
        out.push_back(chain.seal(line.dump()));
    }
    return out;
}

}  // namespace centre_test
