#include "render/pixel_regions.h"

#include <algorithm>
#include <limits>

namespace pinpoint::render {

namespace {

std::uint64_t area(const PixelRect& r) {
    return r.empty() ? 0 : static_cast<std::uint64_t>(r.x1 - r.x0) * static_cast<std::uint64_t>(r.y1 - r.y0);
}

}  // namespace

PixelRegions PixelRegions::all(int width, int height) {
    PixelRegions r;
    r.add(PixelRect{0, 0, width, height});
    return r;
}

void PixelRegions::add(const PixelRect& rect) {
    if (rect.empty()) return;
    rects_.push_back(rect);
    mergeOverlaps();
    while (rects_.size() > kMaxRegions) {
        // Merge the pair whose box adds the fewest pixels to what they cover apart.
        std::size_t bestA = 0, bestB = 1;
        std::uint64_t bestCost = std::numeric_limits<std::uint64_t>::max();
        for (std::size_t a = 0; a < rects_.size(); ++a)
            for (std::size_t b = a + 1; b < rects_.size(); ++b) {
                const std::uint64_t cost = area(unite(rects_[a], rects_[b])) - area(rects_[a]) - area(rects_[b]);
                if (cost < bestCost) bestCost = cost, bestA = a, bestB = b;
            }
        rects_[bestA] = unite(rects_[bestA], rects_[bestB]);
        rects_.erase(rects_.begin() + static_cast<std::ptrdiff_t>(bestB));
        mergeOverlaps();
    }
}

void PixelRegions::add(const PixelRegions& other) {
    for (const PixelRect& r : other.rects_) add(r);
}

void PixelRegions::mergeOverlaps() {
    for (bool merged = true; merged;) {
        merged = false;
        for (std::size_t a = 0; a < rects_.size() && !merged; ++a)
            for (std::size_t b = a + 1; b < rects_.size() && !merged; ++b)
                if (rects_[a].overlaps(rects_[b])) {
                    rects_[a] = unite(rects_[a], rects_[b]);
                    rects_.erase(rects_.begin() + static_cast<std::ptrdiff_t>(b));
                    merged = true;
                }
    }
}

PixelRect PixelRegions::bounds() const {
    PixelRect box;
    for (const PixelRect& r : rects_) box = unite(box, r);
    return box;
}

std::uint64_t PixelRegions::pixels() const {
    std::uint64_t n = 0;
    for (const PixelRect& r : rects_) n += area(r);
    return n;
}

bool PixelRegions::covers(const PixelRect& rect) const {
    if (rect.empty()) return true;
    std::uint64_t inside = 0;  // the regions never overlap, so their parts inside `rect` add up
    for (const PixelRect& r : rects_) inside += area(intersect(r, rect));
    return inside == area(rect);
}

PixelRegions PixelRegions::clampedTo(int width, int height) const {
    PixelRegions out;
    for (const PixelRect& r : rects_) out.add(clampTo(r, width, height));
    return out;
}

void ImageDamage::reset(std::uint32_t images, int width, int height) {
    width_ = width;
    height_ = height;
    lacking_.assign(images, PixelRegions::all(width, height));
}

PixelRegions ImageDamage::take(std::uint32_t image, const PixelRegions& changed) {
    if (image >= lacking_.size()) return PixelRegions::all(width_, height_);
    const PixelRegions inBounds = changed.clampedTo(width_, height_);
    for (std::uint32_t i = 0; i < lacking_.size(); ++i)
        if (i != image) lacking_[i].add(inBounds);
    PixelRegions out = std::move(lacking_[image]);
    lacking_[image].clear();
    out.add(inBounds);
    return out;
}

}  // namespace pinpoint::render
