#include "core/common/error.h"

namespace pinpoint::core {

std::string Error::describe() const {
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0) {
            out += ":" + std::to_string(line);
            if (column > 0) out += ":" + std::to_string(column);
        }
        out += ": ";
    }
    out += message;
    if (!hint.empty()) out += " (" + hint + ")";
    return out;
}

}  // namespace pinpoint::core
