#include "render/frame_damage.h"

namespace pinpoint::render {

namespace {

constexpr int kEdgePixels = 3;  // border lines, antialiased edges and rounding

bool sameCamera(const Camera& a, const Camera& b) {
    return a.eye == b.eye && a.target == b.target && a.up == b.up && a.verticalFovDegrees == b.verticalFovDegrees &&
           a.nearMm == b.nearMm && a.farMm == b.farMm;
}

bool sameMarks(const std::vector<SkinMark>& a, const std::vector<SkinMark>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i].position != b[i].position || a[i].normal != b[i].normal || a[i].radiusMm != b[i].radiusMm ||
            a[i].colour != b[i].colour)
            return false;
    return true;
}

PixelRect boxOnScreen(const core::Bounds& box, float marginMm, const glm::mat4& viewProjection, int width, int height) {
    const glm::vec3 margin(marginMm);
    return grow(projectBox(box.min - margin, box.max + margin, viewProjection, width, height), kEdgePixels);
}

}  // namespace

bool FrameDamage::sameView(const Kept& kept, const Scene& scene, int width, int height) const {
    return kept.width == width && kept.height == height && sameCamera(kept.camera, scene.camera) &&
           kept.overlay == scene.overlay && kept.densityFullScale == scene.densityFullScale &&
           kept.densityScale == scene.densityScale && kept.skin == scene.skin &&
           kept.bleedingGeneration == scene.bleedingGeneration &&
           kept.background == scene.background && sameMarks(kept.marks, scene.marks);
}

FrameChange FrameDamage::next(const Scene& scene, int width, int height, const glm::mat4& viewProjection,
                              const std::optional<core::Bounds>& toolBox) {
    const PixelRect screen{0, 0, width, height};
    const PixelRect tool = toolBox ? boxOnScreen(*toolBox, 0.0f, viewProjection, width, height) : PixelRect{};
    FrameChange change;
    if (!previous_ || !sameView(*previous_, scene, width, height)) {
        change = {screen, true};
    } else {
        change.area = unite(previous_->tool, tool);
        const bool pointsOnly = scene.densityRevision == previous_->densityRevision &&
                                scene.bleedingPoints.size() != previous_->bleedingPoints;
        if (pointsOnly) change = {screen, true};  // bleeding points changed without the density: place unknown
        else if (scene.densityRevision != previous_->densityRevision) {
            // Density changed: around what changed when that is known, else everywhere.
            if (scene.densityChangedBox && scene.densityChangedCount != SIZE_MAX)
                change.area =
                    unite(change.area, boxOnScreen(*scene.densityChangedBox, densityMarginMm_, viewProjection, width, height));
            else
                change = {screen, true};
        }
        change.area = clampTo(change.area, width, height);
        if (change.area.x0 == 0 && change.area.y0 == 0 && change.area.x1 == width && change.area.y1 == height)
            change.whole = true;
    }
    previous_ = Kept{scene.camera,         scene.overlay,        scene.densityFullScale,
                     scene.densityScale,   scene.skin,           scene.background,
                     scene.marks,          width,                height,
                     scene.densityRevision, scene.bleedingGeneration, scene.bleedingPoints.size(), tool};
    return change;
}

}  // namespace pinpoint::render
