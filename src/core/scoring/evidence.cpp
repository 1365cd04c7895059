#include "core/scoring/evidence.h"

#include "core/session/demo_key.h"

namespace pinpoint::core {

namespace {

std::string quoted(const std::string& id) { return "'" + id + "'"; }
std::string shortHash(const std::string& sha) { return sha.size() > 12 ? sha.substr(0, 12) + "..." : sha; }

std::string signatureReason(const SignatureCheck& s) {
    switch (s.status) {
        case SignatureStatus::Intact: return {};
        case SignatureStatus::Unsigned: return "the session is not signed, so anyone could have written it (" + s.message + ")";
        case SignatureStatus::Truncated: return "the recording is not closed by its final signature: " + s.message;
        case SignatureStatus::Changed: return "the file was changed after it was signed: " + s.message;
        case SignatureStatus::WrongKey: return "the session is not signed by the expected key: " + s.message;
    }
    return s.message;
}

void scenarioReasons(const EvidenceInputs& in, const SessionHeader& h, std::vector<std::string>& reasons) {
    const Scenario& sc = *in.scenario;
    if (in.rescored)
        reasons.push_back("scored against scenario " + quoted(sc.id) + " on request (--rescore-against)" +
                          (h.scenarioId.empty() || h.scenarioId == sc.id ? std::string()
                                                                         : ", not scenario " + quoted(h.scenarioId) + " it was recorded for") +
                          ": only the scenario a session was recorded for can certify it");
    if (h.scenarioId.empty()) {
        reasons.push_back("the session header does not name the scenario it was recorded for");
        return;
    }
    if (h.scenarioId != sc.id) {
        if (!in.rescored) reasons.push_back("recorded for scenario " + quoted(h.scenarioId) + ", scored against " + quoted(sc.id));
        return;
    }
    if (h.scenarioSha256.empty())
        reasons.push_back("the session header does not give its scenario's SHA-256, so the version of " + quoted(sc.id) +
                          " it was recorded with is unknown");
    else if (h.scenarioSha256 != sc.sha256)
        reasons.push_back("recorded with another version of scenario " + quoted(sc.id) + " (SHA-256 " + shortHash(h.scenarioSha256) +
                          " in the session, " + shortHash(sc.sha256) + " scored against): the scenario file was edited");
}

}  // namespace

Evidence assessEvidence(const EvidenceInputs& in) {
    const SessionHeader& h = in.session->header;
    const SignatureCheck& sig = in.signature;
    Evidence e;
    e.isSigned = sig.status != SignatureStatus::Unsigned;
    e.intact = sig.status == SignatureStatus::Intact;
    e.signer = sig.keyId;
    const bool demoKey = in.namesDemoKey || isDemoKeyId(sig.keyId);
    e.demo = h.demo || demoKey;
    if (const TrustedRecorder* r = in.trusted && !e.signer.empty() && !demoKey ? in.trusted->find(e.signer) : nullptr) {
        e.trusted = true;
        e.signerName = r->name;
    }
    e.rescored = in.rescored;
    e.scenarioMatches = !in.rescored && !h.scenarioId.empty() && h.scenarioId == in.scenario->id && !h.scenarioSha256.empty() &&
                        h.scenarioSha256 == in.scenario->sha256;
    e.recordedWith = h.softwareVersion;
    e.softwareVersion = in.softwareVersion;
    e.sha256 = in.hashes;
    if (e.sha256.scenario.empty()) e.sha256.scenario = in.scenario->sha256;

    if (!e.intact) e.reasons.push_back(signatureReason(sig));
    if (e.demo)
        e.reasons.push_back(std::string("a demo session written by `pinpoint demo`, not a trainee's recording (") +
                            (h.demo && demoKey ? "its header says so and it is signed with the demo key"
                             : h.demo          ? "its header says so"
                                               : "it is signed with the demo key") + ")");
    else if (e.isSigned && !e.signer.empty() && !e.trusted)
        e.reasons.push_back("signed by key " + e.signer + ", which is not a trusted recorder" +
                            (!in.trusted || in.trusted->file.empty() ? std::string(" (no trusted recorders file was given or found)")
                                                                     : " (not listed in " + in.trusted->file + ")"));
    scenarioReasons(in, h, e.reasons);
    e.certifiable = e.intact && e.trusted && !e.demo && e.scenarioMatches;
    if (!e.certifiable && e.reasons.empty()) e.reasons.push_back("the evidence does not meet the rules");  // not reached
    if (e.certifiable) e.reasons.clear();
    return e;
}

nlohmann::json evidenceJson(const Evidence& e) {
    const auto orNull = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
    return {
        {"certifiable", e.certifiable},
        {"reasons", e.reasons},
        {"signed", e.isSigned},
        {"intact", e.intact},
        {"signer", orNull(e.signer)},
        {"signer_name", orNull(e.signerName)},
        {"trusted", e.trusted},
        {"demo", e.demo},
        {"scenario_matches", e.scenarioMatches},
        {"rescored", e.rescored},
        {"recorded_with", orNull(e.recordedWith)},
        {"software_version", e.softwareVersion},
        {"sha256",
         {{"scenario", e.sha256.scenario},
          {"rubric", e.sha256.rubric},
          {"tools", e.sha256.tools},
          {"zones", e.sha256.zones},
          {"conditions", e.sha256.conditions},
          {"head_model", e.sha256.headModel}}},
    };
}

std::string evidenceSummary(const Evidence& e) {
    if (e.certifiable) return "Certifiable: yes (signed and intact, trusted recorder" + (e.signerName.empty() ? "" : " " + e.signerName) + ")";
    std::string out = "Certifiable: NO (";
    for (std::size_t i = 0; i < e.reasons.size(); ++i) out += (i ? "; " : "") + e.reasons[i];
    return out + ")";
}

}  // namespace pinpoint::core
