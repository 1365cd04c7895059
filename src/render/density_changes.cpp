#include "render/density_changes.h"

#include <glm/common.hpp>

#include <algorithm>

namespace pinpoint::render {

void DensityChanges::note(const Scene& scene) {
    if (revision_ == scene.densityRevision) return;
    revision_ = scene.densityRevision;
    changed_ = true;
    if (scene.densityChangedCount == SIZE_MAX) {
        everything_ = true;
        return;
    }
    if (scene.densityChangedCount == 0) return;
    const std::size_t first = scene.densityChangedFirst, end = first + scene.densityChangedCount;
    if (first_ >= end_) {
        first_ = first;
        end_ = end;
    } else {
        first_ = std::min(first_, first);
        end_ = std::max(end_, end);
    }
    if (!scene.densityChangedBox) {
        boxKnown_ = false;
    } else if (!box_) {
        box_ = scene.densityChangedBox;
    } else {
        box_->min = glm::min(box_->min, scene.densityChangedBox->min);
        box_->max = glm::max(box_->max, scene.densityChangedBox->max);
    }
}

Scene DensityChanges::pending(const Scene& scene) const {
    Scene out = scene;
    if (!changed_) return out;  // nothing new since the last drawn frame: the scene says so itself
    if (everything_) {
        out.densityChangedFirst = 0;
        out.densityChangedCount = SIZE_MAX;
        out.densityChangedBox.reset();
        return out;
    }
    out.densityChangedFirst = first_ < end_ ? first_ : 0;
    out.densityChangedCount = first_ < end_ ? end_ - first_ : 0;
    out.densityChangedBox = boxKnown_ ? box_ : std::nullopt;
    return out;
}

void DensityChanges::clear() {
    changed_ = everything_ = false;
    first_ = end_ = 0;
    box_.reset();
    boxKnown_ = true;
}

}  // namespace pinpoint::render
