#pragma once
// A few rectangles of pixels that never overlap: what changed in a frame, or what a window image
// still lacks. Adding a rectangle merges it with any it overlaps (into the box around both, again
// until none overlap); past kMaxRegions, the two whose merging adds the fewest pixels merge. Copies
// and scissors can then take them as they are. Pure CPU, tested alone.
#include "render/surface_clusters.h"

#include <cstdint>
#include <vector>

namespace pinpoint::render {

class PixelRegions {
public:
    static constexpr std::size_t kMaxRegions = 8;

    static PixelRegions all(int width, int height);  // one rectangle: the whole picture
    void add(const PixelRect& rect);                  // empty rectangles are ignored
    void add(const PixelRegions& other);
    void clear() { rects_.clear(); }
    bool empty() const { return rects_.empty(); }
    const std::vector<PixelRect>& rects() const { return rects_; }
    PixelRect bounds() const;    // the box around them all (empty when there are none)
    std::uint64_t pixels() const;
    bool covers(const PixelRect& rect) const;  // every pixel of `rect` is in some region
    PixelRegions clampedTo(int width, int height) const;

private:
    void mergeOverlaps();
    std::vector<PixelRect> rects_;
};

// What each image of a swapchain lacks: everything at first; then, as frames are drawn into other
// images, whatever those frames changed. The window draws only that into the image it acquired.
class ImageDamage {
public:
    // A new swapchain of `images` images of `width` x `height`: each lacks the whole picture.
    void reset(std::uint32_t images, int width, int height);
    // A frame that changes `changed` is drawn into `image`: returns what that image must have
    // redrawn (its own lack and `changed`) and notes `changed` as lacking in every other image.
    PixelRegions take(std::uint32_t image, const PixelRegions& changed);

private:
    std::vector<PixelRegions> lacking_;
    int width_ = 0, height_ = 0;
};

}  // namespace pinpoint::render
