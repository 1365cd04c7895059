#pragma once
// The density changes a window has been told of but not yet drawn. Each scene reports only what
// changed since the scene before it; when a frame is not drawn (the swapchain out of date, the window
// minimised) its change must still reach the next frame that is, or the skin shows stale density
// until those vertices (and points) change again. So the window gathers every scene's change here and hands the
// union to the frame it draws. Pure CPU, tested alone.
#include "render/scene.h"

#include <optional>

namespace pinpoint::render {

// Widens the range [first, end) (empty when first >= end) to hold [from, to).
void widenRange(std::size_t& first, std::size_t& end, std::size_t from, std::size_t to);

class DensityChanges {
public:
    // Adds what `scene` changed, unless its density revision was already noted.
    void note(const Scene& scene);
    // `scene` with every change noted since the last `clear` in place of its own (same revision).
    Scene pending(const Scene& scene) const;
    // A frame carrying the pending changes was recorded: they are on their way.
    void clear();

    bool empty() const { return !everything_ && first_ >= end_ && !allSamples_ && sampleFirst_ >= sampleEnd_ && !changed_; }

private:
    std::optional<std::uint64_t> revision_;
    bool changed_ = false;     // a new revision arrived (even one that names no vertex)
    bool everything_ = false;  // some scene did not say what changed: all vertices, no box
    std::size_t first_ = 0, end_ = 0;
    bool allSamples_ = false;  // some scene did not say which points changed
    std::size_t sampleFirst_ = 0, sampleEnd_ = 0;
    std::optional<core::Bounds> box_;
    bool boxKnown_ = true;     // every change noted came with its box
};

}  // namespace pinpoint::render
