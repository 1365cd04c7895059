#include "core/coverage/live_density.h"

#include "core/coverage/vertex_density.h"

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

void VertexRange::includeSample(std::size_t s) {
    if (sampleCount == 0) {
        sampleFirst = s;
        sampleCount = 1;
        return;
    }
    const std::size_t end = std::max(sampleFirst + sampleCount, s + 1);
    sampleFirst = std::min(sampleFirst, s);
    sampleCount = end - sampleFirst;
}

void VertexRange::include(const VertexRange& other) {
    if (other.sampleCount > 0) {
        includeSample(other.sampleFirst);
        includeSample(other.sampleFirst + other.sampleCount - 1);
    }
    if (other.count == 0) return;
    include(other.first, other.box.min);
    include(other.first + other.count - 1, other.box.max);
}

LiveDensity::LiveDensity(const SurfaceMesh& mesh, const DensityField& field)
    : mesh_(&mesh),
      tally_(field),
      roller_(field.areaCount(), 0),
      triangleDensity_(mesh.triangleCount(), 0.0),
      cornerDensity_(3 * mesh.triangleCount(), 0.0),
      vertexDensity_(mesh.vertexCount(), 0.0f),
      sampleDensity_(field.samples(false).size() + field.samples(true).size(), 0.0f),
      triangleArea_(triangleAreasMm2(mesh)),
      corners_(mesh),
      triangleChanged_(mesh.triangleCount(), 0) {}

void LiveDensity::clear() {
    tally_.clear();
    std::fill(roller_.begin(), roller_.end(), 0);
    std::fill(triangleDensity_.begin(), triangleDensity_.end(), 0.0);
    std::fill(cornerDensity_.begin(), cornerDensity_.end(), 0.0);
    std::fill(vertexDensity_.begin(), vertexDensity_.end(), 0.0f);
    std::fill(sampleDensity_.begin(), sampleDensity_.end(), 0.0f);
    ++revision_;
    if (!sampleDensity_.empty()) {
        changed_.includeSample(0);
        changed_.includeSample(sampleDensity_.size() - 1);
    }
    if (vertexDensity_.empty()) return;
    const Bounds all = meshBounds(*mesh_);
    changed_.include(0, all.min);
    changed_.include(vertexDensity_.size() - 1, all.max);
}

void LiveDensity::add(const Puncture& puncture) {
    if (puncture.triangle >= triangleDensity_.size()) return;
    const DensityField& field = tally_.field();
    const auto mark = [&](std::uint32_t t) {
        if (!triangleChanged_[t]) {
            triangleChanged_[t] = 1;
            changedTriangles_.push_back(t);
        }
    };
    mark(puncture.triangle);  // forbidden skin is drawn from its own triangle's punctures
    tally_.addBoth(puncture, [&](bool roller, std::uint32_t s) {
        const std::size_t drawn = drawnSampleIndex(field, roller, s);
        sampleDensity_[drawn] = static_cast<float>(tally_.densityPerCm2(roller, s));
        const SkinSamples& samples = field.samples(roller);
        if ((roller_[samples.area(s)] != 0) == roller) {  // shown: to be sent (the other scale when the zone turns to it)
            mark(samples.triangle(s));
            changed_.includeSample(drawn);
        }
    });
    // A zone whose device changed is drawn anew at its new scale.
    if (puncture.area < roller_.size() && roller_[puncture.area] != tally_.measuredAsRoller(puncture.area)) {
        roller_[puncture.area] = tally_.measuredAsRoller(puncture.area);
        const bool roller = roller_[puncture.area] != 0;
        const SkinSamples& samples = field.samples(roller);
        for (std::uint32_t t = 0; t < triangleDensity_.size(); ++t) {
            if (field.areaOf(t) != puncture.area) continue;
            mark(t);
            if (samples.countOf(t) == 0) continue;
            changed_.includeSample(drawnSampleIndex(field, roller, samples.firstOf(t)));
            changed_.includeSample(drawnSampleIndex(field, roller, samples.firstOf(t) + samples.countOf(t) - 1));
        }
    }
    for (std::uint32_t t : changedTriangles_) {
        triangleChanged_[t] = 0;
        refreshTriangle(t);
    }
    changedTriangles_.clear();
    ++revision_;
}

double LiveDensity::densityAt(std::uint32_t triangle, glm::vec2 barycentric) const {
    if (triangle >= triangleDensity_.size()) return 0.0;
    const std::uint16_t area = tally_.field().areaOf(triangle);
    const bool roller = area < roller_.size() && roller_[area] != 0;
    const std::uint32_t s = tally_.field().samples(roller).containing(triangle, barycentric);
    return s == kNoSample ? triangleDensity_[triangle] : tally_.densityPerCm2(roller, s);
}

void LiveDensity::refreshTriangle(std::uint32_t t) {
    const std::uint16_t area = tally_.field().areaOf(t);
    const bool roller = area < roller_.size() && roller_[area] != 0;
    triangleDensity_[t] = drawnDensity(tally_, t, roller);
    for (int k = 0; k < 3; ++k) cornerDensity_[3 * t + k] = cornerDensity(tally_, t, k, roller);
    const Triangle& tri = mesh_->triangles[t];
    for (std::uint32_t v : {tri.a, tri.b, tri.c}) refreshVertex(v);
}

void LiveDensity::refreshVertex(std::uint32_t v) {
    double sum = 0.0, weight = 0.0;
    for (std::uint32_t t : corners_.of(v)) {
        const Triangle& tri = mesh_->triangles[t];
        const int k = tri.a == v ? 0 : tri.b == v ? 1 : 2;
        sum += triangleArea_[t] * cornerDensity_[3 * t + k];
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
