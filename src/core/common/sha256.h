#pragma once
// SHA-256 of bytes or of a file, as lower-case hex. Used to identify the model source, scenarios
// and rubrics in reports so a score can be traced to exactly what made it.
#include <optional>
#include <string>
#include <string_view>

namespace pinpoint::core {

std::string sha256Hex(std::string_view bytes);
// nullopt if the file cannot be read.
std::optional<std::string> sha256HexOfFile(const std::string& path);

}  // namespace pinpoint::core
