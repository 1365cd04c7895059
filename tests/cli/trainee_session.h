#pragma once
// A demo session made a trainee's, for the export tests: `pinpoint demo` writes a demo header without a
// start time, which the xAPI export refuses; this one names trainee-007 and a start. (The edit breaks
// the signature, which only makes the session not certifiable.)
#include "run_command.h"

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <string>

namespace pinpoint::testing {

inline std::string traineeSession(const Workspace& w, const std::string& name, const std::string& demoArgs) {
    const std::string demo = w.path(name + "-demo.pps");
    const auto made = runPinpoint("demo " + demoArgs + " --out " + demo);
    REQUIRE_MESSAGE(made.exitCode == 0, made.err);
    const std::string text = slurp(demo);
    const std::size_t end = text.find('\n');
    nlohmann::json header = nlohmann::json::parse(text.substr(0, end));
    header.erase("demo");
    header.erase("h");
    header["trainee"] = "trainee-007";
    header["start_time"] = "2024-05-01T09:30:00Z";
    const std::string path = w.path(name + ".pps");
    std::ofstream(path, std::ios::binary) << header.dump() << text.substr(end);
    return path;
}

}  // namespace pinpoint::testing
