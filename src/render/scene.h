#pragma once
// What the renderer draws: read-only snapshots handed over by the caller. The renderer copies what it
// needs to the GPU and never changes (or keeps pointers into) core state after a call returns.
#include "core/coverage/bleeding_points.h"
#include "core/coverage/density_field.h"
#include "core/face/zone_rules.h"
#include "core/geometry/mesh.h"

#include <glm/vec3.hpp>
#include <glm/vec4.hpp>

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace pinpoint::render {

// The largest number of areas (zones + forbidden areas) a surface may have.
inline constexpr std::size_t kMaxAreas = 32;

struct AreaStyle {
    glm::vec3 colour{0.5f};  // linear RGB, shown by the zone overlay
    bool forbidden = false;  // hatched red by the zone overlay
};

// The head as the renderer sees it: everything that stays the same for a session. Uploaded once.
struct HeadSurface {
    const core::SurfaceMesh* mesh = nullptr;
    std::span<const core::SurfacePart> parts;         // per triangle; empty: all skin
    std::span<const std::uint16_t> areaOfTriangle;    // per triangle; empty: one area
    std::vector<AreaStyle> areas;                     // indexed by area; at most kMaxAreas
    std::vector<glm::vec3> vertexAlbedo;              // linear RGB per vertex; empty: plain skin tone
    std::vector<float> vertexOcclusion;               // 1 open .. 0 enclosed; empty: estimated from curvature
    // The points the score measures the zones at (laid on `mesh`): the heatmap colours each pixel of a
    // zone by its point (Scene::sampleDensity). None: the heatmap is drawn from the vertices alone.
    const core::DensityField* samples = nullptr;
};

// The device in the trainee's hand, as drawn: a pen with its cartridge along the needle axis, or a
// roller whose drum sits on the skin; the footprint (drawn on the skin) marks where the needles land.
struct ToolShape {
    enum class Kind : std::uint8_t { Pen, Roller } kind = Kind::Pen;
    glm::vec3 tip{0.0f};                 // mm: where the needle axis meets the skin
    glm::vec3 axis{0.0f, 0.0f, -1.0f};   // unit: the direction the needles point (into the skin)
    glm::vec3 across{1.0f, 0.0f, 0.0f};  // unit, perpendicular to axis: the roller drum's axle
    float footprintRadiusMm = 2.5f;      // the pen's footprint: the cartridge's needle field
    float drumDiameterMm = 14.0f;        // roller
    float drumWidthMm = 20.0f;           // roller
    float liftMm = 0.0f;                 // the tool hovers this far above the skin (not in contact)
    glm::vec3 ringColour{0.1f, 0.9f, 0.3f};  // the footprint's colour, linear RGB
};

// The footprint's colours: needles fine here, a warning on, a forbidden area under the tool.
inline const glm::vec3 kRingFine{0.1f, 0.9f, 0.3f};
inline const glm::vec3 kRingWarning{1.0f, 0.55f, 0.0f};
inline const glm::vec3 kRingForbidden{0.95f, 0.08f, 0.05f};

// Something raised on the skin that is part of the case, such as a mole (drawn as a small dome).
struct SkinMark {
    glm::vec3 position{0.0f};           // mm, on the skin
    glm::vec3 normal{0.0f, 0.0f, 1.0f}; // unit, out of the skin
    float radiusMm = 2.0f;
    glm::vec3 colour{0.16f, 0.08f, 0.05f};  // linear RGB
};

enum class Overlay : std::uint8_t { None, Zones, Density };

// A zone's heatmap landmarks in punctures per cm2, from the score's numbers (core::heatmapScale): below
// the target the skin is not yet covered, above the maximum it is over-treated. The colours between
// them: render/density_colours.h.
struct DensityLandmarks {
    float targetPerCm2 = 1000.0f;  // the default rubric's pen
    float maxPerCm2 = 4000.0f;
    bool operator==(const DensityLandmarks&) const = default;
};
struct DensityScale {
    DensityLandmarks shown;               // the legend's numbers, and those of any area not listed
    std::vector<DensityLandmarks> areas;  // by area (zone or forbidden area); may be empty
    DensityLandmarks of(std::size_t area) const { return area < areas.size() ? areas[area] : shown; }
    bool operator==(const DensityScale&) const = default;
};
// The patient's skin (render/skin_look.h makes it from the Fitzpatrick type in assets/skin_tones.toml).
// Linear RGB. The per-vertex albedo (lips, brows, rosier cheeks) was painted for `kReferenceSkin`; the
// shader scales it by `tone / kReferenceSkin`, so a scenario changes the skin without a new upload.
// The defaults are type II as assets/skin_tones.toml gives it (the type of a patient with none given).
struct SkinLook {
    glm::vec3 tone{0.4965f, 0.3229f, 0.2317f};      // the face's base skin
    glm::vec3 erythema{0.5558f, 0.2296f, 0.1794f};  // that skin at full redness, as much as shows on it
    glm::vec3 blood{0.3378f, 0.0100f, 0.0147f};     // pinpoint bleeding
    bool operator==(const SkinLook&) const = default;
};
inline constexpr glm::vec3 kReferenceSkin{0.60f, 0.38f, 0.29f};

struct Camera {
    glm::vec3 eye{0.0f, 1530.0f, 800.0f};  // mm, model space
    glm::vec3 target{0.0f, 1530.0f, 50.0f};
    glm::vec3 up{0.0f, 1.0f, 0.0f};
    float verticalFovDegrees = 30.0f;
    float nearMm = 10.0f;
    float farMm = 5000.0f;
};

// One frame: what changes while the trainee works.
struct Scene {
    Camera camera;
    Overlay overlay = Overlay::None;
    // Punctures per cm2 at each vertex of the surface (empty: none). Uploaded only when
    // `densityRevision` differs from the last frame's, so bump it whenever the data changes; then only
    // the vertices [densityChangedFirst, +densityChangedCount) are sent: they must hold every change
    // since the revision the renderer saw last (the defaults: everything).
    std::span<const float> vertexDensity;
    // Of those, the punctures that reached the dermis (per cm2 at each vertex; empty: none): where
    // they build up the skin shows pinpoint bleeding. Sent with the density, under its revision.
    std::span<const float> vertexBleeding;
    // The heatmap at the needles' scale: every point's punctures per cm2 (core::DrawnSamples::density,
    // the pen's points then the roller's) and, per area, whether its pixels take the roller's points.
    // Empty: the zones read zero where the surface has points. Sent under the density's revision: only
    // the points [sampleChangedFirst, +sampleChangedCount) (the defaults: all of them).
    std::span<const float> sampleDensity;
    std::span<const char> rollerAreas;
    std::size_t sampleChangedFirst = 0;
    std::size_t sampleChangedCount = SIZE_MAX;
    std::uint64_t densityRevision = 0;
    std::size_t densityChangedFirst = 0;
    std::size_t densityChangedCount = SIZE_MAX;
    // Around the vertices that changed (mm), when known: the window then redraws only that part of
    // the picture (plus where the tool was and is). Unknown: the whole picture.
    std::optional<core::Bounds> densityChangedBox;
    // The heatmap's landmarks (render/scene_builder.h fills them from core::heatmapScale).
    DensityScale densityScale;
    // Per cm2: without an overlay the skin reddens (erythema) as the density approaches it, and
    // pinpoint bleeding appears as the dermal density passes about a third of it.
    float densityFullScale = 100.0f;  // render/scene_builder.h sets it from core::heatmapScale
    SkinLook skin;  // the patient's skin (its Fitzpatrick type)
    // Where the punctures reached the dermis (core::BleedingPoints, in puncture order): each shows as a
    // drop of blood once the dermal density at its vertex passes its seed's share. The list only grows,
    // or shrinks back to a prefix of itself (review seeking back); a different list needs a new
    // `bleedingGeneration`. New points lie where the density changed, so they need no damage of their own.
    std::span<const core::BleedingPoint> bleedingPoints;
    std::uint64_t bleedingGeneration = 0;
    std::optional<ToolShape> tool;  // drawn when set
    std::vector<SkinMark> marks;    // the scenario's lesions
    glm::vec4 background{0.055f, 0.06f, 0.07f, 1.0f};  // linear RGBA
};

// Pixels read back from an offscreen frame: 8-bit sRGB RGBA, rows top to bottom.
struct Picture {
    std::uint32_t width = 0;
    std::uint32_t height = 0;
    std::vector<std::uint8_t> rgba;
};

}  // namespace pinpoint::render
