#pragma once
// `pinpoint centre add-person` and `pinpoint centre set-password` (centre_people.cpp), registered
// under `pinpoint centre` by centre_command.cpp.
#include "centre/store.h"
#include "cli/commands.h"

#include <memory>
#include <string>

namespace pinpoint::cli {

// The store named (`--db`), or the default file in the data folder; nullptr after a message.
std::unique_ptr<centre::Store> openCentreStore(const std::string& given);

// Adds the two subcommands to `centre`; the runner returns -1 when neither was given.
Runner addCentrePeopleCommands(CLI::App& centre, const std::string& dbHelp);

}  // namespace pinpoint::cli
