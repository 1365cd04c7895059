// `pinpoint score SESSION [--json]`: re-derive the punctures from a recorded session and measure the
// treatment zone by zone against the default rubric.
#include "cli/commands.h"
#include "cli/treatment_context.h"
#include "core/coverage/treatment_measurement.h"
#include "core/scoring/treatment_report.h"
#include "core/session/session_file.h"

#include <cstdio>
#include <iostream>
#include <memory>

namespace pinpoint::cli {

namespace {

struct ScoreOptions {
    HeadOptions head;
    std::string session;
    bool json = false;
    std::string indication = "rejuvenation";
};

void printTable(const core::TreatmentMeasurement& m, const core::SimulationOutput& sim, const core::Rubric& rubric) {
    std::printf("%-18s %7s %8s %7s %9s %10s %8s %6s %5s\n", "zone", "cm2", "coverage", "over", "punctures",
                "depth mm", "in range", "angle", "dirs");
    for (const core::ZoneMeasurement& z : m.zones) {
        if (z.punctures == 0) {
            std::printf("%-18s %7.1f %8s\n", z.name.c_str(), z.areaCm2, "-");
            continue;
        }
        char depth[32];
        std::snprintf(depth, sizeof depth, "%.2f-%.2f", z.depth.minMm, z.depth.maxMm);
        std::printf("%-18s %7.1f %7.1f%% %6.1f%% %9zu %10s %7.1f%% %5.1f° %5d\n", z.name.c_str(), z.areaCm2,
                    100 * z.coverage, 100 * z.overTreated, z.punctures, depth, 100 * z.depthInRange, z.meanAngleDeg,
                    z.directions);
    }
    std::printf("\nPunctures: %zu in all, %zu in forbidden areas", m.totalPunctures, m.forbiddenPunctures);
    bool first = true;
    for (const auto& [name, count] : m.forbiddenByArea)
        if (count > 0) {
            std::printf("%s%s %zu", first ? " (" : ", ", name.c_str(), count);
            first = false;
        }
    std::printf("%s\n", first ? "" : ")");
    std::printf("Contact: %.1f s, %zu pen strokes, %zu roller rows", sim.contactSeconds, sim.strokes, sim.rollerRows);
    if (sim.offSkinPoses) std::printf(", %zu contact poses off the skin", sim.offSkinPoses);
    std::printf("\nRubric: %s %s\n", rubric.id.c_str(), rubric.version.c_str());
}

}  // namespace

Runner addScoreCommand(CLI::App& app) {
    auto o = std::make_shared<ScoreOptions>();
    CLI::App* cmd = app.add_subcommand("score", "Re-derive and measure a recorded session (zones and punctures)");
    cmd->add_option("session", o->session, "Session file (*.pps)")->required();
    cmd->add_flag("--json", o->json, "Print the report as JSON");
    cmd->add_option("--indication", o->indication, "Depth chart to measure against: rejuvenation or scars")
        ->check(CLI::IsMember({"rejuvenation", "scars"}));
    addHeadOptions(*cmd, o->head);
    return [o]() {
        const auto context = loadTreatmentContext(o->head);
        if (!context) return kExitBadInput;
        core::Result<core::Session> session = core::readSessionFile(o->session, &context->tools);
        if (!session) {
            std::cerr << "pinpoint: " << session.error().describe() << "\n";
            return kExitBadInput;
        }
        for (const core::SessionWarning& w : session->warnings)
            std::cerr << "pinpoint: warning: " << o->session << ":" << w.line << ": " << w.message << "\n";
        const core::SimulationOutput sim = core::simulateSession(*context->surface, context->tools, *session);
        const core::Indication indication =
            o->indication == "scars" ? core::Indication::Scars : core::Indication::Rejuvenation;
        const core::TreatmentMeasurement m =
            core::measureTreatment(context->head, context->density, context->rubric, indication, sim);
        if (!o->json) {
            printTable(m, sim, context->rubric);
            return kExitOk;
        }
        nlohmann::json warnings = nlohmann::json::array();
        for (const core::SessionWarning& w : session->warnings) warnings.push_back({{"line", w.line}, {"message", w.message}});
        nlohmann::json report = {
            {"session", {{"events", session->events.size()}, {"warnings", warnings}, {"indication", o->indication}}},
            {"rubric", core::rubricJson(context->rubric)},
            {"zones", core::zonesJson(m)},
            {"punctures", core::puncturesJson(m)},
            {"contact", core::contactJson(sim)},
        };
        std::cout << report.dump(2) << "\n";
        return kExitOk;
    };
}

}  // namespace pinpoint::cli
