// `pinpoint report SESSION [--scenario FILE | --rescore-against FILE] [--trusted-keys FILE] [--review FILE]
// --out DIR`: the assessor's report as one self-contained HTML page (DIR/report.html) and the score
// report (DIR/score.json), with the verdict on the evidence beside the verdict on the performance.
#include "cli/commands.h"
#include "core/common/safe_file.h"
#include "cli/scoring_choice.h"
#include "cli/session_input.h"
#include "cli/session_pictures.h"
#include "cli/treatment_context.h"
#include "core/common/sha256.h"
#include "core/review/review_file.h"
#include "core/scoring/score_report.h"
#include "render/density_colours.h"
#include "report/html_report.h"

#include <cmath>
#include <cstdio>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

namespace pinpoint::cli {

namespace {

namespace fs = std::filesystem;

struct ReportOptions {
    HeadOptions head;
    std::string session;
    ScoringChoice choice;
    std::string review;
    std::string out;
    std::string size = "480x560";
    bool noPictures = false;
};

std::string utcNow() {
    std::time_t now = std::time(nullptr);
    if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH"); epoch && *epoch) now = static_cast<std::time_t>(std::atoll(epoch));
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

bool writeText(const std::string& path, const std::string& text) { return core::replaceFile(path, text).ok(); }

// The pictures' colours for the page's legend, from the table the shader gets: each stretch sampled
// finely (the GPU blends in linear light, a web page in sRGB), each edge kept sharp.
std::vector<std::pair<double, std::string>> legendColours() {
    std::vector<std::pair<double, std::string>> out;
    const auto hex = [](glm::vec3 srgb) {
        char text[8];
        std::snprintf(text, sizeof text, "#%02x%02x%02x", static_cast<unsigned>(std::lround(255.0f * srgb.x)),
                      static_cast<unsigned>(std::lround(255.0f * srgb.y)), static_cast<unsigned>(std::lround(255.0f * srgb.z)));
        return std::string(text);
    };
    const auto& stops = render::kDensityStops;
    for (std::size_t i = 0; i + 1 < stops.size(); ++i) {
        if (stops[i + 1].position <= stops[i].position) continue;
        for (int k = 0; k <= 8; ++k) {
            const float s = stops[i].position + (stops[i + 1].position - stops[i].position) * static_cast<float>(k) / 8.0f;
            const glm::vec3 colour = k == 8 ? render::linearToSrgb(render::stopLinear(stops[i + 1])) : render::densityColourSrgb(s);
            out.emplace_back(s, hex(colour));
        }
    }
    return out;
}

// Whether any zone is coloured by other landmarks than the legend's.
bool ownTargets(const TreatmentContext& context, const core::HeatmapScale& scale) {
    for (const core::Area& area : context.head.zoneFile.zones.areas) {
        const core::DensityTargets t = scale.of(area.name);
        if (t.targetPerCm2 != scale.targetPerCm2 || t.maxPerCm2 != scale.maxPerCm2) return true;
    }
    return false;
}

std::vector<report::ReportPicture> pictures(const TreatmentContext& context, const core::Session& session,
                                            const core::Scenario& scenario, const ReportOptions& o, std::string& note,
                                            report::ReportInput& legend) {
    const std::vector<std::pair<render::View, std::string>> views = {
        {render::View::Front, "Front"},
        {render::View::Left, "Patient's left"},
        {render::View::Right, "Patient's right"},
        {render::View::Front, "The skin as treated: erythema and pinpoint bleeding as they show on Fitzpatrick type " +
                                  std::to_string(scenario.patient.fitzpatrick)}};
    std::vector<report::ReportPicture> out;
    for (const auto& [view, caption] : views) out.push_back({caption, {}});
    const SessionDensity density = sessionDensity(context, session, &scenario);
    legend.densityTargetPerCm2 = density.scale.targetPerCm2;
    legend.densityMaxPerCm2 = density.scale.maxPerCm2;
    legend.zonesOwnTargets = ownTargets(context, density.scale);
    if (o.noPictures) {
        note = "Pictures were not rendered (--no-pictures).";
        return out;
    }
    unsigned w = 480, h = 560;
    char x = 0;
    if (std::sscanf(o.size.c_str(), "%u%c%u", &w, &x, &h) != 3 || w < 64 || h < 64 || w > 2048 || h > 2048) w = 480, h = 560;
    PictureRequest request;
    request.width = w;
    request.height = h;
    request.background = {0.93f, 0.94f, 0.96f, 1.0f};
    for (const auto& [view, caption] : views) request.views.push_back(view);
    request.fitzpatrick = scenario.patient.fitzpatrick;
    request.overlays = {render::Overlay::Density, render::Overlay::Density, render::Overlay::Density, render::Overlay::None};
    core::Result<std::vector<io::RgbaPixels>> rendered = renderDensityViews(context, density, request, scenario.lesions);
    if (!rendered) {
        note = "Pictures could not be rendered on this machine: " + rendered.error().describe();
        std::cerr << "pinpoint report: warning: " << note << "\n";
        return out;
    }
    for (std::size_t i = 0; i < out.size(); ++i) out[i].png = io::encodePng((*rendered)[i]);
    legend.densityColours = legendColours();
    if (!scenario.lesions.empty()) note = "Red rings: the scenario's lesions, to be kept clear of.";
    return out;
}

int run(const ReportOptions& o) {
    const std::optional<core::TrustedRecorders> trusted = loadTrustedRecordersOrReport(o.choice.trustedKeys);
    if (!trusted) return kExitBadInput;
    const auto context = loadTreatmentContext(o.head);
    if (!context) return kExitBadInput;
    const std::optional<LoadedSession> loaded = loadSessionOrReport(o.session, &context->tools);
    if (!loaded) return kExitBadInput;
    const core::Session& session = loaded->session;
    ScenarioChooser chooser(*context, o.choice);
    const ChosenScenario chosen = chooser.choose(session);
    reportErrors(chosen.errors);
    if (!chosen.scenario) return kExitBadInput;
    const core::Scenario* scenario = chosen.scenario;
    const core::Evidence evidence = sessionEvidence(*context, *loaded, chosen, *trusted);

    report::ReportInput in;
    in.sessionFile = o.session;
    in.sessionSha256 = core::sha256HexOfFile(o.session).value_or("");
    in.session = &session;
    in.signature = loaded->signature;
    in.scenario = scenario;
    in.evidence = evidence;
    in.ratings = &context->ratings;
    const std::string reviewPath = !o.review.empty() ? o.review : core::reviewPathFor(o.session);
    std::error_code ec;
    if (!o.review.empty() || fs::exists(reviewPath, ec)) {
        core::Result<core::Review> review = core::readReviewFile(reviewPath, context->ratings);
        if (!review) {
            std::cerr << "pinpoint report: " << review.error().describe() << "\n";
            return kExitBadInput;
        }
        if (!review->sessionSha256.empty() && review->sessionSha256 != in.sessionSha256)
            in.reviewWarnings.push_back("The review was written for a different version of this session file (its SHA-256 differs).");
        in.review = std::move(*review);
        in.reviewFile = reviewPath;
    }

    const core::SimulationOutput sim = core::simulateSession(*context->surface, context->tools, session);
    const core::ScoreResult result = core::scoreSession(*scenario, context->rubric, context->head, context->density, session, sim);
    in.score = &result;
    in.rubricId = context->rubric.id;
    in.rubricVersion = context->rubric.version;
    in.aftercare = &context->rubric.aftercare;
    in.timeline = core::sessionTimeline(session, sim, &result);
    in.pictures = pictures(*context, session, *scenario, o, in.picturesNote, in);
    in.generatedAt = utcNow();
    in.softwareVersion = std::string("pinpoint ") + PINPOINT_VERSION;

    nlohmann::json score = core::scoreReportJson(result, *scenario, context->rubric, session, sim);
    score["session"]["signature"] = {{"status", core::signatureStatusName(loaded->signature.status)},
                                     {"intact", loaded->signature.status == core::SignatureStatus::Intact},
                                     {"line", loaded->signature.line},
                                     {"message", loaded->signature.message},
                                     {"key_id", loaded->signature.keyId}};
    score["evidence"] = core::evidenceJson(evidence);
    fs::create_directories(o.out, ec);
    if (!fs::is_directory(o.out, ec)) {
        std::cerr << "pinpoint report: cannot create the folder " << o.out << "\n";
        return kExitBadInput;
    }
    const std::string html = (fs::path(o.out) / "report.html").string();
    const std::string json = (fs::path(o.out) / "score.json").string();
    if (!writeText(html, report::reportHtml(in)) || !writeText(json, score.dump(2) + "\n")) {
        std::cerr << "pinpoint report: cannot write into " << o.out << " (permissions? disk full?)\n";
        return kExitBadInput;
    }
    std::cout << "Wrote " << html << " and " << json << "\nSession: " << core::signatureSummary(loaded->signature) << "\n"
              << (result.passed ? "Passed" : "Failed") << "; " << core::evidenceSummary(evidence) << "\n";
    return kExitOk;
}

}  // namespace

Runner addReportCommand(CLI::App& app) {
    auto o = std::make_shared<ReportOptions>();
    CLI::App* cmd = app.add_subcommand("report", "Write an assessor's report: a self-contained HTML page and score.json");
    cmd->add_option("session", o->session, "Session file (*.pps)")->required();
    addScoringChoiceOptions(*cmd, o->choice);
    cmd->add_option("--review", o->review,
                    "The assessor's review file (default: NAME.review.json beside the session, when there is one)");
    cmd->add_option("--out", o->out, "Folder to write report.html and score.json into (created if needed)")->required();
    cmd->add_option("--picture-size", o->size, "Size of each rendered view, WIDTHxHEIGHT")->capture_default_str();
    cmd->add_flag("--no-pictures", o->noPictures, "Leave out the rendered views (no Vulkan needed)");
    addHeadOptions(*cmd, o->head);
    return [o]() { return run(*o); };
}

}  // namespace pinpoint::cli
