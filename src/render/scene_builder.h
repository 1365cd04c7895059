#pragma once
// One way from the treatment's state to a picture: the live app, the review window, `pinpoint render`
// and the report's pictures all build their render::Scene here, so review shows exactly what the
// trainee saw (the lesions as raised marks, the tool and its footprint, the heatmap's landmarks).
#include "core/coverage/live_density.h"
#include "core/face/head.h"
#include "core/face/skin_tones.h"
#include "core/review/replay_index.h"
#include "core/scoring/scenario.h"
#include "core/scoring/scoring_engine.h"
#include "core/sim/treatment_simulation.h"
#include "core/tools/tool_catalogue.h"
#include "render/scene.h"

#include <glm/vec2.hpp>

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pinpoint::render {

// What one frame shows. The spans must outlive the scene built from them.
struct SceneInputs {
    Camera camera;
    Overlay overlay = Overlay::None;
    std::span<const float> vertexDensity;   // punctures per cm2 at each vertex (empty: none)
    std::span<const float> vertexBleeding;  // of them, those that reached the dermis
    std::span<const float> sampleDensity;   // per point (core::DrawnSamples::density; empty: none)
    std::span<const char> rollerAreas;      // per area: measured as the roller's (core::DrawnSamples::roller)
    std::uint64_t densityRevision = 0;      // see Scene
    std::optional<core::VertexRange> changed;  // what changed since the last frame (unknown: everything)
    core::HeatmapScale scale;               // core::heatmapScale: the score's numbers
    std::optional<ToolShape> tool;
    std::span<const core::Lesion> lesions;  // the scenario's
    glm::vec4 background{0.055f, 0.06f, 0.07f, 1.0f};
    // The patient's skin: the scenario's Fitzpatrick type in the skin tones data (none: type II).
    const core::SkinTones* skinTones = nullptr;
    int fitzpatrick = 2;
    // Where the punctures reached the dermis (see Scene::bleedingPoints).
    std::span<const core::BleedingPoint> bleedingPoints;
    std::uint64_t bleedingGeneration = 0;
};

class SceneBuilder {
public:
    // `head` and `surface` must outlive the builder.
    SceneBuilder(const core::Head& head, const core::TreatmentSurface& surface);

    Scene build(const SceneInputs& in) const;

    // A lesion as drawn: a dome on the skin, along the skin's normal there.
    SkinMark lesionMark(const core::Lesion& lesion) const;
    // The heatmap's landmarks per area (zone or forbidden area), from the score's numbers.
    DensityScale densityScale(const core::HeatmapScale& scale) const;
    // The tool as recorded at a moment of a session (review, pictures): the cartridge's footprint, the
    // roller's drum, the needle axis of the pose (minus the skin's normal when it has none), the ring
    // red over a forbidden area, orange while a recorded warning is on (`warningOn`), else green.
    std::optional<ToolShape> recordedTool(const core::ToolState& state, const core::ToolCatalogue& tools,
                                          bool warningOn = false) const;

    // A name to show on the head at each area, where the area's skin is nearest its centroid.
    struct ZoneLabel {
        std::string text;   // "Cheek left"
        bool forbidden = false;
        glm::vec3 anchor{0.0f};  // mm, on the skin
        glm::vec3 normal{0.0f};  // unit, out of the skin
    };
    const std::vector<ZoneLabel>& zoneLabels() const { return labels_; }
    // Whether a label's anchor is seen from `eye`: its skin faces the eye and nothing is in between.
    bool sees(const ZoneLabel& label, glm::vec3 eye) const;

private:
    const core::Head* head_;
    const core::TreatmentSurface* surface_;
    std::vector<ZoneLabel> labels_;
};

// Places text boxes (centres and sizes, pixels) in order: one that would cover a box already placed
// moves up or down by its height until it is clear, or is left out (nullopt) after a few tries.
std::vector<std::optional<glm::vec2>> spreadLabels(const std::vector<std::pair<glm::vec2, glm::vec2>>& boxes);

// Where a model-space point lands in a picture `size` pixels wide and high (top-left origin), seen by
// `camera`; nullopt behind the camera.
std::optional<glm::vec2> projectToPixels(const Camera& camera, glm::vec2 size, glm::vec3 point);

}  // namespace pinpoint::render
