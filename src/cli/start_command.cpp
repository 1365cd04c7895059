// `pinpoint` with no subcommand: start the simulator on the default scenario. Until the Vulkan
// window lands (issue: the trainee's simulator), it loads everything a session needs and shows the
// trainee's first screen as text: the patient to screen and what the trainee can ask.
#include "cli/commands.h"
#include "cli/treatment_context.h"

#include <cstdio>
#include <memory>

namespace pinpoint::cli {

Runner addStartCommand(CLI::App& app) {
    auto options = std::make_shared<HeadOptions>();
    auto scenarioPath = std::make_shared<std::string>();
    addHeadOptions(app, *options);
    app.add_option("--scenario", *scenarioPath, "Scenario to start on (default: scenarios/default.toml)");
    return [options, scenarioPath]() {
        const auto context = loadTreatmentContext(*options);
        if (!context) return kExitBadInput;
        const std::optional<core::Scenario> scenario = loadScenarioOrReport(*context, *scenarioPath);
        if (!scenario) return kExitBadInput;
        const core::Patient& p = scenario->patient;
        std::printf("Pinpoint %s  -  %s\n%s\n\n", PINPOINT_VERSION, scenario->title.c_str(), scenario->teaches.c_str());
        std::printf("Patient: %s, %d, %s, Fitzpatrick type %d, %s\n", p.name.c_str(), p.age, p.sex.c_str(), p.fitzpatrick,
                    p.indication == core::Indication::Scars ? "acne scars" : "skin rejuvenation");
        if (!p.history.empty()) std::printf("History: %s\n", p.history.c_str());
        for (const core::PatientCondition& c : p.conditions)
            if (c.disclosed) std::printf("Known: %s%s%s\n", c.id.c_str(), c.note.empty() ? "" : " - ", c.note.c_str());
        if (!scenario->questions.empty()) std::printf("\nQuestions you can ask:\n");
        for (const core::IntakeQuestion& q : scenario->questions) std::printf("  - %s\n", q.text.c_str());
        std::printf("\nThen decide: proceed, proceed with modifications, defer or decline.\n");
        std::printf("\nThe interactive window is not built yet. Meanwhile:\n");
        std::printf("  pinpoint demo --scenario FILE --out s.pps   a careful practitioner's session\n");
        std::printf("  pinpoint score --scenario FILE s.pps        the score report, every deduction listed\n");
        std::printf("  pinpoint render --overlay zones --out z.png the head and its zones\n");
        return kExitOk;
    };
}

}  // namespace pinpoint::cli
