#include "core/coverage/live_density.h"

#include <glm/common.hpp>

#include <algorithm>

namespace pinpoint::core {

void VertexRange::include(std::size_t v, glm::vec3 position) {
    if (count == 0) {
        first = v;
        count = 1;
        box = {position, position};
        return;
    }
    const std::size_t end = std::max(first + count, v + 1);
    first = std::min(first, v);
    count = end - first;
    box.min = glm::min(box.min, position);
    box.max = glm::max(box.max, position);
}

void VertexRange::include(const VertexRange& other) {
    if (other.count == 0) return;
    include(other.first, other.box.min);
    include(other.first + other.count - 1, other.box.max);
}

namespace {

// CSR inverse of a relation given as lists: out[start[k] .. start[k+1]) are the i with k in lists(i).
template <class ListOf>
void invert(std::size_t items, std::size_t keys, ListOf listOf, std::vector<std::uint32_t>& start,
            std::vector<std::uint32_t>& out) {
    start.assign(keys + 1, 0);
    for (std::size_t i = 0; i < items; ++i)
        for (std::uint32_t k : listOf(i)) ++start[k + 1];
    for (std::size_t k = 0; k < keys; ++k) start[k + 1] += start[k];
    out.resize(start[keys]);
    std::vector<std::uint32_t> fill(start.begin(), start.end() - 1);
    for (std::size_t i = 0; i < items; ++i)
        for (std::uint32_t k : listOf(i)) out[fill[k]++] = static_cast<std::uint32_t>(i);
}

}  // namespace

LiveDensity::LiveDensity(const SurfaceMesh& mesh, const DensityField& field)
    : mesh_(&mesh), field_(&field) {
    const std::size_t n = mesh.triangleCount();
    counts_.assign(n, 0);
    triangleDensity_.assign(n, 0.0);
    vertexDensity_.assign(mesh.vertexCount(), 0.0f);
    triangleArea_ = triangleAreasMm2(mesh);
    invert(n, n, [&](std::size_t t) { return field.patch(t); }, affectedStart_, affected_);
    corners_ = VertexTriangles(mesh);
}

void LiveDensity::clear() {
    std::fill(counts_.begin(), counts_.end(), 0u);
    std::fill(triangleDensity_.begin(), triangleDensity_.end(), 0.0);
    std::fill(vertexDensity_.begin(), vertexDensity_.end(), 0.0f);
    ++revision_;
    if (vertexDensity_.empty()) return;
    const Bounds all = meshBounds(*mesh_);
    changed_.include(0, all.min);
    changed_.include(vertexDensity_.size() - 1, all.max);
}

void LiveDensity::add(const Puncture& puncture) {
    const std::uint32_t m = puncture.triangle;
    if (m >= counts_.size()) return;
    ++counts_[m];
    for (std::uint32_t i = affectedStart_[m]; i < affectedStart_[m + 1]; ++i) {
        const std::uint32_t t = affected_[i];
        const double area = field_->patchAreaMm2(t);
        if (area > 0.0) triangleDensity_[t] += 100.0 / area;
        const Triangle& tri = mesh_->triangles[t];
        for (std::uint32_t v : {tri.a, tri.b, tri.c}) refreshVertex(v);
    }
    ++revision_;
}

void LiveDensity::refreshVertex(std::uint32_t v) {
    double sum = 0.0, weight = 0.0;
    for (std::uint32_t t : corners_.of(v)) {
        sum += triangleArea_[t] * triangleDensity_[t];
        weight += triangleArea_[t];
    }
    vertexDensity_[v] = weight > 0.0 ? static_cast<float>(sum / weight) : 0.0f;
    changed_.include(v, mesh_->positions[v]);
}

VertexRange LiveDensity::takeChangedVertices() {
    const VertexRange r = changed_;
    changed_ = {};
    return r;
}

}  // namespace pinpoint::core
