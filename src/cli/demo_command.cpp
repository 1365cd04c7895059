// `pinpoint demo [--zones a,b] [--tool pen|roller] --out FILE`: write the session a careful
// practitioner would record, as the expert reference and for demonstrations. It is marked a demo
// ("demo":true in the header) and signed with the demo key (core/session/demo_key.h).
#include "cli/commands.h"
#include "cli/treatment_context.h"
#include "core/face/area_names.h"
#include "core/session/session_file.h"
#include "core/scoring/scenario_demo.h"
#include "core/scoring/session_facts.h"
#include "core/sim/demo_session.h"
#include "core/session/demo_key.h"

#include <cstdio>
#include <iostream>
#include <memory>

namespace pinpoint::cli {

namespace {

struct DemoCommandOptions {
    HeadOptions head;
    std::vector<std::string> zones;
    std::string tool = "pen";
    std::string cartridge = "12pin";
    double speedHz = 100.0;
    int needles = 192;
    std::string indication = "rejuvenation";
    double rowSpacingMm = 0.0;
    std::string scenario;
    std::string out;
};

}  // namespace

Runner addDemoCommand(CLI::App& app) {
    auto o = std::make_shared<DemoCommandOptions>();
    CLI::App* cmd = app.add_subcommand("demo", "Write a session a careful practitioner would record");
    cmd->add_option("--zones", o->zones, "Zones to treat, comma-separated (default: the whole face but the neck)")
        ->delimiter(',');
    cmd->add_option("--tool", o->tool, "pen or roller")->check(CLI::IsMember({"pen", "roller"}));
    cmd->add_option("--cartridge", o->cartridge, "Pen cartridge (see assets/tools.toml)");
    cmd->add_option("--speed", o->speedHz, "Pen strokes per second");
    cmd->add_option("--needles", o->needles, "Roller needle count (see assets/tools.toml)");
    std::vector<std::string> indications;
    for (const core::IndicationInfo& i : core::kIndications) indications.emplace_back(i.id);
    cmd->add_option("--indication", o->indication, "What the patient comes for: " + core::indicationList() + " (picks the depth chart)")
        ->check(CLI::IsMember(indications));
    cmd->add_option("--row-spacing", o->rowSpacingMm,
                    "Lay the rows this many mm apart, the same needling in all (a reference for skipped rows; "
                    "default: the careful spacing)")
        ->check(CLI::Range(0.0, 50.0));
    cmd->add_option("--scenario", o->scenario,
                    "Play a scenario as a careful practitioner would: intake questions, the right decision and "
                    "plan, the protocol, and treatment when the patient is to be treated");
    cmd->add_option("--out", o->out, "Session file to write (must not exist)")->required();
    addHeadOptions(*cmd, o->head);
    return [o]() {
        for (const std::string& z : o->zones)
            if (!core::isTreatmentZoneName(z)) {
                std::cerr << "pinpoint: unknown zone '" << z << "' in --zones (zones: forehead, temple_left, "
                          << "temple_right, periorbital_left, periorbital_right, nose, cheek_left, cheek_right, "
                          << "perioral, chin, jaw_left, jaw_right, neck)\n";
                return kExitBadInput;
            }
        const auto context = loadTreatmentContext(o->head);
        if (!context) return kExitBadInput;
        core::DemoOptions demo;
        demo.zones = o->zones;
        demo.tool = o->tool == "roller" ? core::ToolKind::Roller : core::ToolKind::Pen;
        demo.cartridge = o->cartridge;
        demo.speedHz = o->speedHz;
        demo.rollerNeedles = o->needles;
        demo.indication = core::indicationNamed(o->indication)->value;  // checked by the option
        demo.rowSpacingMm = o->rowSpacingMm;
        if (demo.tool == core::ToolKind::Pen && !context->tools.findCartridge(o->cartridge)) {
            std::cerr << "pinpoint: unknown cartridge '" << o->cartridge << "' (see " << context->tools.file << ")\n";
            return kExitBadInput;
        }
        if (demo.tool == core::ToolKind::Pen &&
            (o->speedHz < context->tools.pen.minSpeedHz || o->speedHz > context->tools.pen.maxSpeedHz)) {
            std::cerr << "pinpoint: --speed must lie between " << context->tools.pen.minSpeedHz << " and "
                      << context->tools.pen.maxSpeedHz << " strokes per second\n";
            return kExitBadInput;
        }
        if (demo.tool == core::ToolKind::Roller && !context->tools.findRollerByNeedles(o->needles)) {
            std::cerr << "pinpoint: no roller with " << o->needles << " needles (see " << context->tools.file << ")\n";
            return kExitBadInput;
        }
        core::SessionHeader header;
        core::Session session;
        if (!o->scenario.empty()) {
            const std::optional<core::Scenario> scenario = loadScenarioOrReport(*context, o->scenario);
            if (!scenario) return kExitBadInput;
            core::SloppyPractice rows;  // the careful session, or its rows laid apart
            rows.rowSpacingMm = o->rowSpacingMm;
            session = core::makeScenarioDemo(*context->surface, context->tools, context->rubric, *scenario, rows);
            header.scenarioId = scenario->id;
            header.scenarioSha256 = scenario->sha256;
            if (scenario->course) {  // a visit of a course: the session is linked to the others of the course
                header.courseId = scenario->course->id;
                header.courseVisit = scenario->course->visit;
            }
        } else {
            // Zones without a case: the default scenario's intake (a careful practitioner screens every
            // patient), then the decision to treat and the preparation.
            const std::optional<core::Scenario> intake = loadScenarioOrReport(*context, "");
            if (!intake) return kExitBadInput;
            std::vector<core::SessionEvent> before;
            for (const core::IntakeQuestion& q : intake->questions) before.push_back(core::questionEvent(0.0, q.id));
            before.push_back(core::decisionEvent(0.0, core::Decision::Proceed, {}));
            std::vector<core::SessionEvent> after;
            for (const std::string& step : intake->requiredSteps) {  // the default scenario's, each at its time
                if (context->rubric.afterTreatment(step)) after.push_back(core::StepEvent{0.0, step});
                else before.push_back(core::StepEvent{0.0, step});
                if (step == context->rubric.aftercare.step)
                    after.push_back(core::aftercareEvent(0.0, context->rubric.aftercare.rightAdvice()));
            }
            demo.before = before;
            demo.after = after;
            session = core::makeDemoSession(*context->surface, context->tools, context->rubric, demo);
        }
        header.trainee = "demo: careful practitioner";
        header.softwareVersion = std::string("pinpoint ") + PINPOINT_VERSION;
        // A demo says so in its header and is signed with the well-known demo key, never with this
        // installation's recorder key: whatever is edited, it can never be taken for a trainee's recording.
        header.demo = true;
        const core::SigningKey& key = core::demoSigningKey();
        auto writer = core::SessionWriter::create(o->out, header, &key);
        if (!writer) {
            std::cerr << "pinpoint: " << writer.error().describe() << "\n";
            return kExitBadInput;
        }
        for (const core::SessionEvent& e : session.events)
            if (!(*writer)->append(e)) {
                std::cerr << "pinpoint: " << o->out << ": cannot write the session (disk full?)\n";
                return kExitBadInput;
            }
        if (!(*writer)->close()) {
            std::cerr << "pinpoint: " << o->out << ": cannot finish the session (disk full?)\n";
            return kExitBadInput;
        }
        std::printf("Wrote %s: %zu events, %.1f s of treatment, a demo signed with the demo key %s (never certifiable).\n",
                    o->out.c_str(), session.events.size(), session.events.empty() ? 0.0 : core::eventTime(session.events.back()),
                    core::keyId(key.publicKey()).c_str());
        return kExitOk;
    };
}

}  // namespace pinpoint::cli
