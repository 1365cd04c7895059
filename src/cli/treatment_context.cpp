#include "cli/treatment_context.h"

#include "cli/load_head.h"
#include "core/common/sha256.h"
#include "core/coverage/treatment_measurement.h"
#include "io/density_cache.h"
#include "io/paths.h"

#include <iostream>

namespace pinpoint::cli {

std::unique_ptr<TreatmentContext> loadTreatmentContext(const HeadOptions& options) {
    auto context = std::make_unique<TreatmentContext>();
    core::Result<core::ToolCatalogue> tools = core::readToolCatalogue(io::assetDir() + "/tools.toml");
    if (!tools) {
        std::cerr << "pinpoint: " << tools.error().describe() << "\n";
        return nullptr;
    }
    core::Result<core::Rubric> rubric = core::readRubric(io::assetDir() + "/rubric.toml");
    if (!rubric) {
        std::cerr << "pinpoint: " << rubric.error().describe() << "\n";
        return nullptr;
    }
    core::Result<core::ConditionCatalogue> conditions = core::readConditionCatalogue(io::assetDir() + "/conditions.toml");
    if (!conditions) {
        std::cerr << "pinpoint: " << conditions.error().describe() << "\n";
        return nullptr;
    }
    core::Result<core::RatingScale> ratings = core::readRatingScale(io::assetDir() + "/rating_items.toml");
    if (!ratings) {
        std::cerr << "pinpoint: " << ratings.error().describe() << "\n";
        return nullptr;
    }
    core::Result<core::SkinTones> skinTones = core::readSkinTones(io::assetDir() + "/skin_tones.toml");
    if (!skinTones) {
        std::cerr << "pinpoint: " << skinTones.error().describe() << "\n";
        return nullptr;
    }
    std::optional<core::Head> head = loadHeadOrReport(options);
    if (!head) return nullptr;
    context->head = std::move(*head);
    context->tools = std::move(*tools);
    context->rubric = std::move(*rubric);
    context->conditions = std::move(*conditions);
    context->ratings = std::move(*ratings);
    context->skinTones = std::move(*skinTones);
    context->surface = std::make_unique<core::TreatmentSurface>(context->head);
    context->density =
        io::loadMeasurementField(context->head, context->surface->adjacency, context->rubric, options.noCache ? "-" : "");
    core::InputHashes& h = context->hashes;
    h.rubric = context->rubric.sha256;
    h.tools = core::sha256HexOfFile(context->tools.file).value_or("");
    h.zones = core::sha256HexOfFile(options.zones.empty() ? io::defaultZoneFilePath() : options.zones).value_or("");
    h.conditions = core::sha256HexOfFile(context->conditions.file).value_or("");
    h.headModel = context->head.source.sha256;
    return context;
}

core::ScenarioReadResult loadScenario(const TreatmentContext& context, const std::string& path) {
    const std::string file = path.empty() ? io::defaultScenarioPath() : path;
    core::ScenarioReadResult r = core::readScenario(file, context.rubric, context.conditions, &context.surface->bvh);
    if (!r.errors.empty()) r.scenario.reset();
    return r;
}

std::optional<core::Scenario> loadScenarioOrReport(const TreatmentContext& context, const std::string& path) {
    core::ScenarioReadResult r = loadScenario(context, path);
    for (const core::Error& e : r.errors) std::cerr << "pinpoint: " << e.describe() << "\n";
    if (!r.scenario) return std::nullopt;
    return std::move(*r.scenario);
}

}  // namespace pinpoint::cli
