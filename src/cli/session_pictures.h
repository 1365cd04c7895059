#pragma once
// Pictures of a session's treatment state: the head with the density a session left on the skin,
// from the standard views. Used by `pinpoint render --session` and `pinpoint report`.
#include "cli/treatment_context.h"
#include "core/scoring/scoring_engine.h"
#include "core/common/error.h"
#include "core/coverage/bleeding_points.h"
#include "core/coverage/vertex_density.h"
#include "io/png_file.h"
#include "render/views.h"

#include <optional>
#include <vector>

namespace pinpoint::cli {

struct SessionDensity {
    std::vector<float> perVertex;   // punctures / cm² at each vertex
    std::vector<float> dermalPerVertex;  // of them, those that reached the dermis (pinpoint bleeding)
    core::DrawnSamples samples;     // every point's, as the heatmap draws each pixel of a zone
    // The heatmap's landmarks: each zone's target and maximum as the score measures it (core::heatmapScale).
    core::HeatmapScale scale;
    std::vector<core::BleedingPoint> bleedingPoints;  // where they may bleed (core::BleedingPoints)
};

// The density at the end of the session (or at `at` seconds, through the replay checkpoints). With a
// scenario its targets for the devices used set the colours' landmarks; otherwise the rubric's.
SessionDensity sessionDensity(const TreatmentContext& context, const core::Session& session,
                              const core::Scenario* scenario = nullptr, std::optional<double> at = std::nullopt);

struct PictureRequest {
    std::vector<render::View> views;
    std::uint32_t width = 640;
    std::uint32_t height = 640;
    unsigned msaa = 4;
    glm::vec4 background{0.055f, 0.06f, 0.07f, 1.0f};  // linear RGBA
    render::Overlay overlay = render::Overlay::Density;   // zones: with the zones' names
    bool legend = false;                                  // the density colours' legend along the bottom
    int fitzpatrick = 2;  // the patient's skin type
    // Per view, the overlay (views beyond the list: `overlay`). Without one the picture shows the skin
    // as treated: erythema and pinpoint bleeding as they show on the patient's skin.
    std::vector<render::Overlay> overlays;
};

// Renders offscreen with Vulkan, through the scene builder the app and the review window use; one
// picture per view, in order. Lesions (from a scenario) are drawn on the skin and ringed in red where
// the camera sees them.
core::Result<std::vector<io::RgbaPixels>> renderDensityViews(const TreatmentContext& context, const SessionDensity& density,
                                                             const PictureRequest& request,
                                                             const std::vector<core::Lesion>& lesions = {});

// Rings each lesion the camera sees (not hidden by the head) in red on a rendered picture.
void drawLesionMarkers(io::RgbaPixels& picture, const render::Camera& camera, const core::TreatmentSurface& surface,
                       const std::vector<core::Lesion>& lesions);

}  // namespace pinpoint::cli
