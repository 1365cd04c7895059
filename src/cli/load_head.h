#pragma once
#include "cli/commands.h"
#include "core/face/head.h"

#include <optional>

namespace pinpoint::cli {

// Loads the head for a command; on failure prints the located error to stderr and returns nullopt.
std::optional<core::Head> loadHeadOrReport(const HeadOptions& options);

}  // namespace pinpoint::cli
