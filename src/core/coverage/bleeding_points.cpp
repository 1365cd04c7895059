#include "core/coverage/bleeding_points.h"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace pinpoint::core {

namespace {

std::uint64_t nextGeneration() {
    static std::atomic<std::uint64_t> counter{0};
    return ++counter;
}

std::uint64_t cellKey(glm::vec3 p) {
    // 21 bits per axis covers +-1 km at 1 mm; the head spans under 400 mm.
    const auto axis = [](float v) {
        return static_cast<std::uint64_t>(static_cast<std::int64_t>(std::floor(v / kBleedingCellMm)) + (1 << 20)) & 0x1fffffu;
    };
    return axis(p.x) | (axis(p.y) << 21) | (axis(p.z) << 42);
}

}  // namespace

float cellSeed(std::uint64_t key) {
    // splitmix64's finaliser: neighbouring cells get unrelated seeds.
    std::uint64_t z = key + 0x9e3779b97f4a7c15ull;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return static_cast<float>(z >> 40) / static_cast<float>(1u << 24);
}

BleedingPoints::BleedingPoints(const SurfaceMesh& mesh) : mesh_(&mesh), generation_(nextGeneration()) {}

void BleedingPoints::add(const Puncture& p) {
    const std::uint64_t key = cellKey(p.point);
    if (!cells_.insert(key).second) return;  // the cell already has its point (or none that can bleed)
    const float seed = cellSeed(key);
    if (seed >= kMaxBleedingShare) return;
    if (points_.size() >= kMaxBleedingPoints) {
        ++dropped_;
        return;
    }
    const Triangle& tri = mesh_->triangles[p.triangle];
    const float w[3] = {1.0f - p.barycentric.x - p.barycentric.y, p.barycentric.x, p.barycentric.y};
    const std::uint32_t corner[3] = {tri.a, tri.b, tri.c};
    const int nearest = static_cast<int>(std::max_element(w, w + 3) - w);
    points_.push_back({p.point, normalOnTriangle(*mesh_, p.triangle, p.barycentric), corner[nearest],
                       seed / kMaxBleedingShare, p.t});
}

void BleedingPoints::clear() {
    points_.clear();
    cells_.clear();
    dropped_ = 0;
    generation_ = nextGeneration();
}

std::size_t BleedingPoints::countAt(double t) const {
    return static_cast<std::size_t>(
        std::upper_bound(points_.begin(), points_.end(), t, [](double v, const BleedingPoint& b) { return v < b.t; }) -
        points_.begin());
}

}  // namespace pinpoint::core
