#include "cli/treatment_context.h"

#include "cli/load_head.h"
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
    std::optional<core::Head> head = loadHeadOrReport(options);
    if (!head) return nullptr;
    context->head = std::move(*head);
    context->tools = std::move(*tools);
    context->rubric = std::move(*rubric);
    context->surface = std::make_unique<core::TreatmentSurface>(context->head);
    context->density = core::DensityField(context->head.mesh(), context->surface->adjacency, context->rubric.densityRadiusMm,
                                            &context->head.labels.areaOfTriangle);
    return context;
}

std::optional<core::Scenario> loadScenarioOrReport(const TreatmentContext& context, const std::string& path) {
    const std::string file = path.empty() ? io::defaultScenarioPath() : path;
    const core::Result<core::ConditionCatalogue> conditions = core::readConditionCatalogue(io::assetDir() + "/conditions.toml");
    if (!conditions) {
        std::cerr << "pinpoint: " << conditions.error().describe() << "\n";
        return std::nullopt;
    }
    core::ScenarioReadResult r = core::readScenario(file, context.rubric, *conditions, &context.surface->bvh);
    for (const core::Error& e : r.errors) std::cerr << "pinpoint: " << e.describe() << "\n";
    if (!r.errors.empty() || !r.scenario) return std::nullopt;
    return std::move(*r.scenario);
}

}  // namespace pinpoint::cli
