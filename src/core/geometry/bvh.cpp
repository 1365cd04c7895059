#include "core/geometry/bvh.h"
#include "core/geometry/bvh_detail.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pinpoint::core {

namespace {

using namespace bvh_detail;

constexpr int kBins = 16;
constexpr std::uint32_t kMaxLeafSize = 4;
// SAH cost of visiting a node, relative to testing one triangle. Node visits are what misses the
// cache, so this is set high, which fills the leaves.
constexpr float kTraversalCost = 3.0f;

struct Box {
    glm::vec3 min{kInf};
    glm::vec3 max{-kInf};

    void grow(const glm::vec3& p) {
        min = glm::min(min, p);
        max = glm::max(max, p);
    }
    void grow(const Box& b) {
        min = glm::min(min, b.min);
        max = glm::max(max, b.max);
    }
    bool empty() const { return min.x > max.x; }
    // Half the surface area: the SAH only needs ratios.
    float halfArea() const {
        if (empty()) return 0.0f;
        const glm::vec3 d = max - min;
        return d.x * d.y + d.y * d.z + d.z * d.x;
    }
};

struct BuildItem {
    Box bounds;
    glm::vec3 centroid;
};

struct Bin {
    Box bounds;
    std::uint32_t count = 0;
};

class Builder {
public:
    Builder(const std::vector<BuildItem>& items, std::vector<std::uint32_t>& order,
            std::vector<Bvh::Node>& nodes)
        : items_(items), order_(order), nodes_(nodes) {}

    void build(std::uint32_t begin, std::uint32_t end, int depth) {
        const std::uint32_t nodeIndex = static_cast<std::uint32_t>(nodes_.size());
        nodes_.emplace_back();

        Box bounds;
        Box centroids;
        for (std::uint32_t i = begin; i < end; ++i) {
            const BuildItem& it = items_[order_[i]];
            bounds.grow(it.bounds);
            centroids.grow(it.centroid);
        }
        nodes_[nodeIndex].boundsMin = bounds.min;
        nodes_[nodeIndex].boundsMax = bounds.max;

        const std::uint32_t count = end - begin;
        if (count == 1) {
            makeLeaf(nodeIndex, begin, count);
            return;
        }

        std::uint32_t mid = begin;
        const glm::vec3 extent = centroids.max - centroids.min;
        const int axis = extent.x >= extent.y ? (extent.x >= extent.z ? 0 : 2) : (extent.y >= extent.z ? 1 : 2);

        if (!(extent[axis] > 0.0f)) {
            // All centroids coincide: no spatial split exists.
            if (count <= kMaxLeafSize) {
                makeLeaf(nodeIndex, begin, count);
                return;
            }
            mid = begin + count / 2;
        } else if (depth >= kMedianDepth) {
            mid = medianSplit(begin, end, axis);
        } else {
            int bestAxis = -1;
            int bestBin = 0;
            float bestCost = kInf;
            for (int a = 0; a < 3; ++a) {
                if (!(extent[a] > 0.0f)) continue;
                int splitBin = 0;
                const float cost = sahSplit(begin, end, a, centroids, splitBin);
                if (cost < bestCost) {
                    bestCost = cost;
                    bestAxis = a;
                    bestBin = splitBin;
                }
            }
            // Costs relative to intersecting one triangle; one traversal step costs about as much.
            const float area = bounds.halfArea();
            const float leafCost = static_cast<float>(count);
            const float splitCost = area > 0.0f ? kTraversalCost + bestCost / area : kInf;
            if (count <= kMaxLeafSize && (bestAxis < 0 || leafCost <= splitCost)) {
                makeLeaf(nodeIndex, begin, count);
                return;
            }
            if (bestAxis < 0) {
                mid = medianSplit(begin, end, axis);
            } else {
                const float lo = centroids.min[bestAxis];
                const float scale = binScale(extent[bestAxis]);
                const auto firstRight = std::partition(
                    order_.begin() + begin, order_.begin() + end, [&](std::uint32_t t) {
                        return binIndex(items_[t].centroid[bestAxis], lo, scale) <= bestBin;
                    });
                mid = static_cast<std::uint32_t>(firstRight - order_.begin());
                if (mid == begin || mid == end) mid = medianSplit(begin, end, bestAxis);
            }
        }

        build(begin, mid, depth + 1);
        nodes_[nodeIndex].firstOrRight = static_cast<std::uint32_t>(nodes_.size());
        nodes_[nodeIndex].count = 0;
        build(mid, end, depth + 1);
    }

private:
    static float binScale(float extent) { return static_cast<float>(kBins) * (1.0f - 1e-6f) / extent; }
    static int binIndex(float c, float lo, float scale) {
        const int b = static_cast<int>((c - lo) * scale);
        return std::clamp(b, 0, kBins - 1);
    }

    void makeLeaf(std::uint32_t nodeIndex, std::uint32_t begin, std::uint32_t count) {
        nodes_[nodeIndex].firstOrRight = begin;
        nodes_[nodeIndex].count = count;
    }

    std::uint32_t medianSplit(std::uint32_t begin, std::uint32_t end, int axis) {
        const std::uint32_t mid = begin + (end - begin) / 2;
        std::nth_element(order_.begin() + begin, order_.begin() + mid, order_.begin() + end,
                         [&](std::uint32_t x, std::uint32_t y) {
                             return items_[x].centroid[axis] < items_[y].centroid[axis];
                         });
        return mid;
    }

    // Best binned SAH split along `axis`: returns its cost (sum of child area * count) and the
    // last bin of the left side in `splitBin`.
    float sahSplit(std::uint32_t begin, std::uint32_t end, int axis, const Box& centroids, int& splitBin) const {
        Bin bins[kBins];
        const float lo = centroids.min[axis];
        const float scale = binScale(centroids.max[axis] - lo);
        for (std::uint32_t i = begin; i < end; ++i) {
            const BuildItem& it = items_[order_[i]];
            Bin& bin = bins[binIndex(it.centroid[axis], lo, scale)];
            bin.bounds.grow(it.bounds);
            ++bin.count;
        }
        float leftCost[kBins - 1];
        Box acc;
        std::uint32_t n = 0;
        for (int b = 0; b < kBins - 1; ++b) {
            acc.grow(bins[b].bounds);
            n += bins[b].count;
            leftCost[b] = n > 0 ? acc.halfArea() * static_cast<float>(n) : kInf;
        }
        acc = Box{};
        n = 0;
        float best = kInf;
        for (int b = kBins - 1; b > 0; --b) {
            acc.grow(bins[b].bounds);
            n += bins[b].count;
            if (n == 0 || leftCost[b - 1] == kInf) continue;
            const float cost = leftCost[b - 1] + acc.halfArea() * static_cast<float>(n);
            if (cost < best) {
                best = cost;
                splitBin = b - 1;
            }
        }
        return best;
    }

    const std::vector<BuildItem>& items_;
    std::vector<std::uint32_t>& order_;
    std::vector<Bvh::Node>& nodes_;
};

// min and max that compile to single instructions. GCC turns std::max(d, 0) and similar selects

}  // namespace

Bvh::Bvh(const SurfaceMesh& mesh) {
    const std::size_t n = mesh.triangleCount();
    if (n == 0) return;

    std::vector<BuildItem> items(n);
    for (std::size_t i = 0; i < n; ++i) {
        const Triangle& t = mesh.triangles[i];
        const glm::vec3& a = mesh.positions[t.a];
        const glm::vec3& b = mesh.positions[t.b];
        const glm::vec3& c = mesh.positions[t.c];
        BuildItem& it = items[i];
        it.bounds.grow(a);
        it.bounds.grow(b);
        it.bounds.grow(c);
        it.centroid = (a + b + c) * (1.0f / 3.0f);
    }
    std::vector<std::uint32_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = static_cast<std::uint32_t>(i);

    nodes_.reserve(2 * n / kMaxLeafSize + 16);
    Builder(items, order, nodes_).build(0, static_cast<std::uint32_t>(n), 0);
    nodes_.shrink_to_fit();

    triangles_.resize(n);
    for (std::size_t slot = 0; slot < n; ++slot) {
        const Triangle& t = mesh.triangles[order[slot]];
        const glm::vec3& a = mesh.positions[t.a];
        triangles_[slot] = {a, mesh.positions[t.b] - a, mesh.positions[t.c] - a, order[slot]};
    }
}

}  // namespace pinpoint::core
