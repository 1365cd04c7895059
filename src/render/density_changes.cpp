#include "render/density_changes.h"

#include <glm/common.hpp>

#include <algorithm>

namespace pinpoint::render {

void widenRange(std::size_t& first, std::size_t& end, std::size_t from, std::size_t to) {
    if (from >= to) return;
    if (first >= end) {
        first = from;
        end = to;
    } else {
        first = std::min(first, from);
        end = std::max(end, to);
    }
}

void DensityChanges::note(const Scene& scene) {
    if (revision_ == scene.densityRevision) return;
    revision_ = scene.densityRevision;
    changed_ = true;
    if (scene.densityChangedCount == SIZE_MAX) {
        everything_ = true;
        return;
    }
    if (scene.sampleChangedCount == SIZE_MAX) allSamples_ = true;
    else widenRange(sampleFirst_, sampleEnd_, scene.sampleChangedFirst, scene.sampleChangedFirst + scene.sampleChangedCount);
    if (scene.densityChangedCount == 0) return;
    widenRange(first_, end_, scene.densityChangedFirst, scene.densityChangedFirst + scene.densityChangedCount);
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
    out.sampleChangedFirst = allSamples_ || sampleFirst_ >= sampleEnd_ ? 0 : sampleFirst_;
    out.sampleChangedCount = allSamples_ ? SIZE_MAX : sampleEnd_ - std::min(sampleFirst_, sampleEnd_);
    out.densityChangedBox = boxKnown_ ? box_ : std::nullopt;
    return out;
}

void DensityChanges::clear() {
    changed_ = everything_ = allSamples_ = false;
    first_ = end_ = sampleFirst_ = sampleEnd_ = 0;
    box_.reset();
    boxKnown_ = true;
}

}  // namespace pinpoint::render
