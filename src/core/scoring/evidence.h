#pragma once
// What a recording is worth as proof (design.md, "Score report", `evidence`; docs/scoring.md,
// "Evidence"). `passed` judges the performance; `certifiable` judges the evidence: an intact session,
// signed by a trusted recorder key, recorded for the very scenario (id and SHA-256) it was scored
// against, and not a demo. Every input that shaped the score is named by its SHA-256.
#include "core/scoring/scenario.h"
#include "core/session/session.h"
#include "core/session/session_signing.h"
#include "core/session/trusted_recorders.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace pinpoint::core {

// SHA-256 (lower-case hex) of each file that shaped the score.
struct InputHashes {
    std::string scenario, rubric, tools, zones, conditions, headModel;
};

struct EvidenceInputs {
    const Session* session = nullptr;
    SignatureCheck signature;              // verifySessionText of the file, without a trusted key
    bool namesDemoKey = false;             // textNamesDemoKey of the file
    const TrustedRecorders* trusted = nullptr;  // null or empty: no recorder is trusted
    const Scenario* scenario = nullptr;    // the scenario it was scored against
    bool rescored = false;                 // scored against another scenario on request (--rescore-against)
    InputHashes hashes;                    // `scenario` is filled from the scenario when empty
    std::string softwareVersion;           // of the program that scored it, e.g. "pinpoint 0.1.0"
};

struct Evidence {
    bool certifiable = false;
    std::vector<std::string> reasons;  // why not, one sentence each; empty when certifiable
    bool isSigned = false;             // the file carries a hash chain (intact or not)
    bool intact = false;               // signed, unchanged and closed
    std::string signer;                // key id of the signing key; empty when none was read
    std::string signerName;            // its name in the trusted recorders, when listed
    bool trusted = false;              // the signer is a trusted recorder
    bool demo = false;                 // written by `pinpoint demo` (header flag or demo key)
    bool scenarioMatches = false;      // header's scenario id and SHA-256 are the scenario's, not rescored
    bool rescored = false;
    std::string recordedWith;          // the header's software_version
    std::string softwareVersion;
    InputHashes sha256;
};

Evidence assessEvidence(const EvidenceInputs& in);

// {"certifiable", "reasons", "signed", "intact", "signer", "signer_name", "trusted", "demo",
//  "scenario_matches", "rescored", "recorded_with", "software_version", "sha256": {...}}; keys sorted.
nlohmann::json evidenceJson(const Evidence& e);

// "Certifiable: yes" or "Certifiable: NO (reason; reason)", for terminals and windows.
std::string evidenceSummary(const Evidence& e);

}  // namespace pinpoint::core
