#include "core/coverage/skin_samples.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <thread>

namespace pinpoint::core {

namespace {

float farthestCorner(const SurfaceMesh& mesh, std::size_t t, glm::vec3 centroid) {
    const Triangle& tri = mesh.triangles[t];
    return std::max({glm::distance(mesh.positions[tri.a], centroid), glm::distance(mesh.positions[tri.b], centroid),
                     glm::distance(mesh.positions[tri.c], centroid)});
}

}  // namespace

SkinSamples::SkinSamples(const SurfaceMesh& mesh, const TriangleAdjacency& adjacency,
                         const std::vector<std::uint16_t>& areaOfTriangle, const std::vector<char>& sampledArea,
                         SampleScale scale)
    : scale_(scale) {
    const std::size_t triangles = mesh.triangleCount();
    const auto sampled = [&](std::size_t t) {
        const std::uint16_t a = areaOfTriangle[t];
        return a < sampledArea.size() && sampledArea[a];
    };
    // Sub-triangles of about the area of an equilateral one whose centre lies `spacing` from its
    // neighbours' (side sqrt(3) x spacing); no side longer than twice that.
    const double spacing = std::max(scale.spacingMm, 0.05), side = std::sqrt(3.0) * spacing;
    const double cell = std::sqrt(3.0) / 4.0 * side * side;
    std::vector<glm::vec3> centroid(triangles);
    std::vector<float> extent(triangles, 0.0f);  // farthest corner from the centroid
    first_.assign(triangles + 1, 0);
    cuts_.assign(triangles, 0);
    for (std::size_t t = 0; t < triangles; ++t) {
        centroid[t] = triangleCentroid(mesh, t);
        extent[t] = farthestCorner(mesh, t, centroid[t]);
        std::uint32_t n = 0;
        if (sampled(t)) {
            const Triangle& tri = mesh.triangles[t];
            const glm::vec3 a = mesh.positions[tri.a], b = mesh.positions[tri.b], c = mesh.positions[tri.c];
            const double longest = std::max({glm::distance(a, b), glm::distance(b, c), glm::distance(c, a)});
            const double byArea = std::round(std::sqrt(triangleAreaMm2(mesh, t) / cell));
            n = static_cast<std::uint32_t>(std::clamp(std::max(byArea, std::ceil(longest / (2.0 * side))), 1.0, 4000.0));
        }
        cuts_[t] = static_cast<std::uint16_t>(n);
        first_[t + 1] = first_[t] + n * n;
    }
    const std::size_t count = first_[triangles];
    position_.resize(count);
    weight_.resize(count);
    area_.resize(count);
    triangle_.resize(count);
    for (std::uint32_t t = 0; t < triangles; ++t) {
        const std::uint32_t n = cuts_[t];
        if (n == 0) continue;
        const Triangle& tri = mesh.triangles[t];
        const glm::vec3 a = mesh.positions[tri.a], ab = mesh.positions[tri.b] - a, ac = mesh.positions[tri.c] - a;
        const float w = static_cast<float>(triangleAreaMm2(mesh, t)) / static_cast<float>(n * n);
        const float fn = static_cast<float>(n);
        const auto place = [&](std::uint32_t index, float i, float j) {
            const std::uint32_t s = first_[t] + index;
            position_[s] = a + ab * (i / fn) + ac * (j / fn);
            weight_[s] = w;
            area_[s] = areaOfTriangle[t];
            triangle_[s] = t;
        };
        for (std::uint32_t i = 0; i < n; ++i)
            for (std::uint32_t j = 0; i + j < n; ++j) {
                place(uprightSubTriangle(n, i, j), static_cast<float>(i) + 1.0f / 3.0f, static_cast<float>(j) + 1.0f / 3.0f);
                if (i + j + 2 <= n) place(invertedSubTriangle(n, i, j), static_cast<float>(i) + 2.0f / 3.0f, static_cast<float>(j) + 2.0f / 3.0f);
            }
    }

    // Each point's disc: the same zone's points within the radius, found among the points of
    // triangles reached across edges (so a disc never jumps a gap in the surface, such as the lips).
    // Its area is the skin those points stand for (punctures are counted at their points, so the two
    // agree); the edge is found with the disc's edge softened over one spacing (a hard edge centred
    // on a lattice point counts a ring of points whole, so whole discs would vary from point to point).
    const float radius = static_cast<float>(scale.radiusMm), soft = static_cast<float>(std::min(spacing, 0.5 * scale.radiusMm));
    const float r2 = radius * radius, outer = (radius + soft) * (radius + soft);
    // Nearer than this (a hair inside radius - soft) a point counts whole towards the softened disc:
    // the clamp below gives exactly 1 there, so its square root can be skipped.
    const float whole = std::max(0.0f, (radius - soft) * (1.0f - 1e-4f)), whole2 = whole * whole;
    disc_.assign(count, 0.0f);
    flat_.assign(count, 0.0f);
    // The points of triangles [begin, end): their discs and, in order, their rows of near_.
    const auto discs = [&](std::uint32_t begin, std::uint32_t end, std::vector<std::uint32_t>& near,
                           std::vector<std::uint32_t>& rowEnds) {
        std::vector<std::uint32_t> seenBy(triangles, kNoSample), candidates;
        // Plain pointers, so the compiler need not reload them after each push_back.
        const glm::vec3* const position = position_.data();
        const float* const weight = weight_.data();
        const std::uint32_t* const first = first_.data();
        const glm::vec3* const centre = centroid.data();
        const float* const reach = extent.data();
        for (std::uint32_t t = begin; t < end; ++t) {
            if (cuts_[t] == 0) continue;
            candidates.assign(1, t);
            seenBy[t] = t;
            for (std::size_t k = 0; k < candidates.size(); ++k)
                for (int e = 0; e < 3; ++e) {
                    const std::uint32_t u = adjacency.across(candidates[k], e);
                    if (u == kNoTriangle || seenBy[u] == t || areaOfTriangle[u] != areaOfTriangle[t]) continue;
                    seenBy[u] = t;
                    if (glm::distance(centroid[u], centroid[t]) <= radius + soft + extent[t] + extent[u]) candidates.push_back(u);
                }
            for (std::uint32_t s = first[t]; s < first[t + 1]; ++s) {
                const glm::vec3 p = position[s];
                float disc = 0.0f, flat = 0.0f;
                for (std::uint32_t u : candidates) {
                    const glm::vec3 toU = centre[u] - p;
                    const float bound = radius + soft + reach[u];
                    if (glm::dot(toU, toU) > bound * bound) continue;
                    const std::uint32_t last = first[u + 1];
                    for (std::uint32_t q = first[u]; q < last; ++q) {
                        const glm::vec3 d = position[q] - p;
                        const float d2 = glm::dot(d, d);
                        if (d2 > outer) continue;
                        if (d2 <= r2) {
                            near.push_back(q);
                            disc += weight[q];
                        }
                        flat += d2 < whole2 ? weight[q]
                                            : std::clamp((radius + soft - std::sqrt(d2)) / (2.0f * soft), 0.0f, 1.0f) * weight[q];
                    }
                }
                disc_[s] = disc;
                flat_[s] = flat;
                rowEnds.push_back(static_cast<std::uint32_t>(near.size()));
            }
        }
    };
    // Two halves of the points at once (each point's row depends on nothing the other half writes),
    // joined in order: the same rows as one pass.
    const std::uint32_t middle = static_cast<std::uint32_t>(
        std::upper_bound(first_.begin(), first_.end(), static_cast<std::uint32_t>(count / 2)) - first_.begin() - 1);
    std::vector<std::uint32_t> secondNear, secondEnds, firstEnds;
    std::thread second([&] { discs(middle, static_cast<std::uint32_t>(triangles), secondNear, secondEnds); });
    discs(0, middle, near_, firstEnds);
    second.join();
    const std::uint32_t offset = static_cast<std::uint32_t>(near_.size());
    near_.reserve(near_.size() + secondNear.size());
    near_.insert(near_.end(), secondNear.begin(), secondNear.end());
    near_.shrink_to_fit();
    secondNear = {};
    nearStart_.reserve(count + 1);
    nearStart_.assign(1, 0);
    nearStart_.insert(nearStart_.end(), firstEnds.begin(), firstEnds.end());
    for (std::uint32_t e : secondEnds) nearStart_.push_back(offset + e);
    measureEdgeDistances();
    flat_ = {};
}

void SkinSamples::measureEdgeDistances() {
    // The edge: points whose disc the zone's edge cuts by a tenth or more. From there, each point
    // takes the nearest edge point any point of its disc knows, in rings outward (breadth first).
    const float full = static_cast<float>(3.14159265358979 * scale_.radiusMm * scale_.radiusMm);
    const std::size_t count = size();
    const float far = std::numeric_limits<float>::infinity();
    edge_.assign(count, far);
    std::vector<std::uint32_t> from(count, kNoSample), ring, next, queuedIn(count, 0);
    std::uint32_t round = 1;
    for (std::uint32_t s = 0; s < count; ++s)
        if (flat_[s] < 0.9f * full) {
            edge_[s] = 0.0f;
            from[s] = s;
            ring.push_back(s);
        }
    while (!ring.empty()) {
        next.clear();
        ++round;
        for (std::uint32_t s : ring)
            for (std::uint32_t n : near(s)) {
                const float d = glm::distance(position_[n], position_[from[s]]);
                if (d + 1e-3f < edge_[n]) {
                    edge_[n] = d;
                    from[n] = from[s];
                    if (queuedIn[n] != round) {
                        queuedIn[n] = round;
                        next.push_back(n);
                    }
                }
            }
        ring.swap(next);
    }
}

SkinSamples::Stored SkinSamples::store() const {
    return {scale_, position_, weight_, disc_, edge_, area_, triangle_, first_, cuts_, nearStart_, near_};
}

std::optional<SkinSamples> SkinSamples::restore(Stored s) {
    const std::size_t count = s.position.size(), triangles = s.cuts.size();
    if (s.weight.size() != count || s.disc.size() != count || s.edge.size() != count || s.area.size() != count ||
        s.triangle.size() != count || s.first.size() != triangles + 1 || s.nearStart.size() != count + 1)
        return std::nullopt;
    if (s.first[0] != 0 || s.first[triangles] != count || s.nearStart[0] != 0 || s.nearStart[count] != s.near.size())
        return std::nullopt;
    for (std::size_t t = 0; t < triangles; ++t)
        if (s.first[t + 1] < s.first[t] || s.first[t + 1] - s.first[t] != std::uint32_t{s.cuts[t]} * s.cuts[t]) return std::nullopt;
    for (std::size_t i = 0; i < count; ++i)
        if (s.nearStart[i + 1] < s.nearStart[i] || s.triangle[i] >= triangles) return std::nullopt;
    for (std::uint32_t q : s.near)
        if (q >= count) return std::nullopt;
    SkinSamples out;
    out.scale_ = s.scale;
    out.position_ = std::move(s.position);
    out.weight_ = std::move(s.weight);
    out.disc_ = std::move(s.disc);
    out.edge_ = std::move(s.edge);
    out.area_ = std::move(s.area);
    out.triangle_ = std::move(s.triangle);
    out.first_ = std::move(s.first);
    out.cuts_ = std::move(s.cuts);
    out.nearStart_ = std::move(s.nearStart);
    out.near_ = std::move(s.near);
    return out;
}

std::uint32_t subTriangle(std::uint32_t n, glm::vec2 barycentric) {
    const float fn = static_cast<float>(n);
    const float u = std::clamp(barycentric.x, 0.0f, 1.0f) * fn, v = std::clamp(barycentric.y, 0.0f, 1.0f) * fn;
    const std::uint32_t i = std::min(static_cast<std::uint32_t>(u), n - 1);
    const std::uint32_t j = std::min(static_cast<std::uint32_t>(v), n - 1 - i);
    const bool inverted = u - static_cast<float>(i) + v - static_cast<float>(j) > 1.0f && i + j + 2 <= n;
    return inverted ? invertedSubTriangle(n, i, j) : uprightSubTriangle(n, i, j);
}

std::uint32_t SkinSamples::containing(std::uint32_t triangle, glm::vec2 barycentric) const {
    if (triangle >= cuts_.size() || cuts_[triangle] == 0) return kNoSample;
    return first_[triangle] + subTriangle(cuts_[triangle], barycentric);
}

}  // namespace pinpoint::core
