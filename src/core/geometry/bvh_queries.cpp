// The BVH's queries: the first hit along a ray, and the closest point of the surface to a point.
#include "core/geometry/bvh.h"
#include "core/geometry/bvh_detail.h"

#include <glm/geometric.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace pinpoint::core {

namespace {

using namespace bvh_detail;

// into branches, and in the closest-point traversal those are coin flips that the branch predictor
// keeps losing (measured: ~15% of the query time on a 140k-triangle mesh).
inline float fastMin(float a, float b) {
#if defined(__SSE2__)
    return _mm_cvtss_f32(_mm_min_ss(_mm_set_ss(a), _mm_set_ss(b)));
#else
    return b < a ? b : a;
#endif
}
inline float fastMax(float a, float b) {
#if defined(__SSE2__)
    return _mm_cvtss_f32(_mm_max_ss(_mm_set_ss(a), _mm_set_ss(b)));
#else
    return a < b ? b : a;
#endif
}
// c ? a : b for floats without a branch, for the same reason.
inline float pick(bool c, float a, float b) {
    const std::uint32_t mask = 0u - static_cast<std::uint32_t>(c);
    return std::bit_cast<float>((std::bit_cast<std::uint32_t>(a) & mask) | (std::bit_cast<std::uint32_t>(b) & ~mask));
}

// Ray parameter at which the ray enters the node's box, or +inf when it misses the box or enters
// it beyond `limit`.
inline float enterBox(const Bvh::Node& n, const glm::vec3& o, const glm::vec3& inv, float limit) {
    const float tx1 = (n.boundsMin.x - o.x) * inv.x, tx2 = (n.boundsMax.x - o.x) * inv.x;
    const float ty1 = (n.boundsMin.y - o.y) * inv.y, ty2 = (n.boundsMax.y - o.y) * inv.y;
    const float tz1 = (n.boundsMin.z - o.z) * inv.z, tz2 = (n.boundsMax.z - o.z) * inv.z;
    const float tmin = std::max(std::max(std::min(tx1, tx2), std::min(ty1, ty2)), std::max(std::min(tz1, tz2), 0.0f));
    // A little slack on the exit so rounding cannot drop a hit on a face of a flat box.
    const float tmax = std::min(std::min(std::max(tx1, tx2), std::max(ty1, ty2)), std::max(tz1, tz2)) * 1.0000005f;
    return pick((tmin <= tmax) & (tmin <= limit), tmin, kInf);
}

// Squared distance from q to the node's box (0 inside): q minus q clamped to the box.
inline float boxDistance2(const Bvh::Node& n, const glm::vec3& q) {
    const float dx = q.x - fastMin(fastMax(q.x, n.boundsMin.x), n.boundsMax.x);
    const float dy = q.y - fastMin(fastMax(q.y, n.boundsMin.y), n.boundsMax.y);
    const float dz = q.z - fastMin(fastMax(q.z, n.boundsMin.z), n.boundsMax.z);
    return dx * dx + dy * dy + dz * dz;
}

glm::vec3 unitNormal(const Bvh::PackedTriangle& t) {
    const glm::vec3 n = glm::cross(t.ab, t.ac);
    const float len = glm::length(n);
    return len > 0.0f ? n / len : glm::vec3(0.0f, 0.0f, 1.0f);
}

// Closest point to p on the segment from a to a + e, as a parameter in [0, 1].
inline float segmentParameter(const glm::vec3& p, const glm::vec3& a, const glm::vec3& e) {
    const float ee = glm::dot(e, e);
    if (!(ee > 0.0f)) return 0.0f;
    return std::clamp(glm::dot(p - a, e) / ee, 0.0f, 1.0f);
}

// Degenerate triangle (with a zero edge): the nearest of its three edges.
glm::vec2 closestOnDegenerate(const glm::vec3& p, const Bvh::PackedTriangle& t) {
    const glm::vec3 b = t.a + t.ab;
    const glm::vec3 bc = t.ac - t.ab;
    const float sAB = segmentParameter(p, t.a, t.ab);
    const float sAC = segmentParameter(p, t.a, t.ac);
    const float sBC = segmentParameter(p, b, bc);
    const glm::vec2 candidates[3] = {{sAB, 0.0f}, {0.0f, sAC}, {1.0f - sBC, sBC}};
    glm::vec2 best = candidates[0];
    float bestD2 = kInf;
    for (const glm::vec2& uv : candidates) {
        const glm::vec3 q = t.a + uv.x * t.ab + uv.y * t.ac;
        const float d2 = glm::dot(p - q, p - q);
        if (d2 < bestD2) {
            bestD2 = d2;
            best = uv;
        }
    }
    return best;
}

// Barycentric (u, v) of the point of triangle t nearest p, found by the Voronoi region of p.
inline glm::vec2 closestOnTriangle(const glm::vec3& p, const Bvh::PackedTriangle& t) {
    const glm::vec3& ab = t.ab;
    const glm::vec3& ac = t.ac;
    const glm::vec3 ap = p - t.a;
    const float d1 = glm::dot(ab, ap);
    const float d2 = glm::dot(ac, ap);
    if (d1 <= 0.0f && d2 <= 0.0f) return {0.0f, 0.0f};  // vertex a

    const float abab = glm::dot(ab, ab);
    const float acac = glm::dot(ac, ac);
    const float abac = glm::dot(ab, ac);

    // With bp = ap - ab and cp = ap - ac the dot products follow from those above.
    const float d3 = d1 - abab;  // dot(ab, bp)
    const float d4 = d2 - abac;  // dot(ac, bp)
    if (d3 >= 0.0f && d4 <= d3) return {1.0f, 0.0f};  // vertex b

    // On flat or sliver triangles the region tests still pick a point on the triangle; only a zero
    // edge can make a divisor vanish (a == b makes every point past a look like edge ab), and those
    // triangles are handled as the segments they are.
    const float vc = d1 * d4 - d3 * d2;
    if (vc <= 0.0f && d1 >= 0.0f && d3 <= 0.0f) {  // edge ab
        if (!(abab > 0.0f)) return closestOnDegenerate(p, t);
        return {d1 / abab, 0.0f};
    }

    const float d5 = d1 - abac;  // dot(ab, cp)
    const float d6 = d2 - acac;  // dot(ac, cp)
    if (d6 >= 0.0f && d5 <= d6) return {0.0f, 1.0f};  // vertex c

    const float vb = d5 * d2 - d1 * d6;
    if (vb <= 0.0f && d2 >= 0.0f && d6 <= 0.0f) {  // edge ac
        if (!(acac > 0.0f)) return closestOnDegenerate(p, t);
        return {0.0f, d2 / acac};
    }

    const float va = d3 * d6 - d5 * d4;
    const float toB = d4 - d3, toC = d5 - d6;
    if (va <= 0.0f && toB >= 0.0f && toC >= 0.0f) {  // edge bc
        const float len2 = toB + toC;  // |bc|^2
        if (!(len2 > 0.0f)) return closestOnDegenerate(p, t);
        const float w = toB / len2;
        return {1.0f - w, w};
    }
    const float sum = va + vb + vc;  // face: all three positive here
    if (!(sum > 0.0f)) return closestOnDegenerate(p, t);
    const float denom = 1.0f / sum;
    return {vb * denom, vc * denom};
}

// Float Möller–Trumbore loses accuracy when the origin is far from a small triangle and the ray
// grazes it (hundreds of mm away, errors of hundredths of a mm). The winner is recomputed once in
// double precision; if that fails (it should not) the float values stand.
void refineHit(const Bvh::PackedTriangle& t, glm::vec3 origin, glm::vec3 direction, SurfaceHit& hit) {
    const glm::dvec3 d = glm::normalize(glm::dvec3(direction));
    const glm::dvec3 ab(t.ab), ac(t.ac);
    const glm::dvec3 pvec = glm::cross(d, ac);
    const double det = glm::dot(ab, pvec);
    if (det == 0.0) return;
    const glm::dvec3 tvec = glm::dvec3(origin) - glm::dvec3(t.a);
    const glm::dvec3 qvec = glm::cross(tvec, ab);
    double u = glm::dot(tvec, pvec) / det;
    double v = glm::dot(d, qvec) / det;
    const double dist = glm::dot(ac, qvec) / det;
    if (!std::isfinite(u) || !std::isfinite(v) || !std::isfinite(dist) || dist < 0.0) return;
    // The float test accepted the triangle; keep the refined point on it.
    u = std::max(u, 0.0);
    v = std::max(v, 0.0);
    if (u + v > 1.0) {
        const double s = u + v;
        u /= s;
        v /= s;
    }
    hit.barycentric = glm::vec2(static_cast<float>(u), static_cast<float>(v));
    hit.distance = static_cast<float>(dist);
}

}  // namespace

std::optional<SurfaceHit> Bvh::castRay(glm::vec3 origin, glm::vec3 direction, float maxDistance) const {
    if (nodes_.empty()) return std::nullopt;
    const float len2 = glm::dot(direction, direction);
    if (!(len2 > 0.0f) || !std::isfinite(len2) || !(maxDistance >= 0.0f)) return std::nullopt;
    const glm::vec3 d = direction / std::sqrt(len2);
    // Reciprocal with zero components replaced by a tiny value of the same sign: the slab test then
    // never computes 0 * inf.
    auto safeInverse = [](float x) { return 1.0f / (std::fabs(x) > 1e-30f ? x : std::copysign(1e-30f, x)); };
    const glm::vec3 inv(safeInverse(d.x), safeInverse(d.y), safeInverse(d.z));

    float best = maxDistance;
    std::uint32_t bestSlot = kNoTriangle;
    float bestU = 0.0f, bestV = 0.0f;

    struct Entry {
        std::uint32_t node;
        float t;
    };
    Entry stack[kStackSize];
    int sp = 0;

    if (enterBox(nodes_[0], origin, inv, best) == kInf) return std::nullopt;
    std::uint32_t ni = 0;
    for (;;) {
        const Node& node = nodes_[ni];
        if (node.count > 0) {
            const PackedTriangle* tri = triangles_.data() + node.firstOrRight;
            for (std::uint32_t k = 0; k < node.count; ++k) {
                const PackedTriangle& t = tri[k];
                // Möller–Trumbore, both faces, without early exits: one rarely taken branch
                // predicts better than several coin flips. det == 0 gives an infinite invDet and
                // then infinities or NaNs, which fail the test.
                const glm::vec3 pvec = glm::cross(d, t.ac);
                const float invDet = 1.0f / glm::dot(t.ab, pvec);
                const glm::vec3 tvec = origin - t.a;
                const glm::vec3 qvec = glm::cross(tvec, t.ab);
                const float u = glm::dot(tvec, pvec) * invDet;
                const float v = glm::dot(d, qvec) * invDet;
                const float dist = glm::dot(t.ac, qvec) * invDet;
                const bool hit = (u >= 0.0f) & (v >= 0.0f) & (u + v <= 1.0f) & (dist >= 0.0f) & (dist <= best);
                if (!hit) continue;
                best = dist;
                bestSlot = node.firstOrRight + k;
                bestU = u;
                bestV = v;
            }
        } else {
            // Near child first. The index choice is left to the compiler: a branch lets the CPU
            // start loading the predicted child before the comparison resolves, which beats a
            // data-dependent select on these cache-missing trees (measured both ways).
            const std::uint32_t left = ni + 1, right = node.firstOrRight;
            const float tLeft = enterBox(nodes_[left], origin, inv, best);
            const float tRight = enterBox(nodes_[right], origin, inv, best);
            const bool rightFirst = tRight < tLeft;
            const std::uint32_t nearChild = rightFirst ? right : left;
            const std::uint32_t farChild = rightFirst ? left : right;
            const float tNear = std::min(tLeft, tRight);
            const float tFar = std::max(tLeft, tRight);
            stack[sp] = {farChild, tFar};
            sp += tFar != kInf ? 1 : 0;
            if (tNear != kInf) {
                ni = nearChild;
                continue;
            }
        }
        // Pop the next node that may still hold a nearer hit.
        bool more = false;
        while (sp > 0) {
            const Entry e = stack[--sp];
            if (e.t <= best) {
                ni = e.node;
                more = true;
                break;
            }
        }
        if (!more) break;
    }
    if (bestSlot == kNoTriangle) return std::nullopt;
    const PackedTriangle& t = triangles_[bestSlot];
    SurfaceHit hit;
    hit.triangle = t.original;
    hit.barycentric = {bestU, bestV};
    hit.distance = best;
    refineHit(t, origin, direction, hit);
    hit.distance = std::min(hit.distance, maxDistance);
    hit.point = origin + hit.distance * d;
    hit.normal = unitNormal(t);
    return hit;
}

std::optional<SurfaceHit> Bvh::closestPoint(glm::vec3 query, float maxDistance) const {
    if (nodes_.empty() || !(maxDistance >= 0.0f)) return std::nullopt;
    float best2 = maxDistance * maxDistance;
    std::uint32_t bestSlot = kNoTriangle;
    glm::vec2 bestUv{0.0f};

    struct Entry {
        std::uint32_t node;
        float d2;
    };
    Entry stack[kStackSize];
    int sp = 0;

    if (boxDistance2(nodes_[0], query) > best2) return std::nullopt;
    std::uint32_t ni = 0;
    for (;;) {
        const Node& node = nodes_[ni];
        if (node.count > 0) {
            const PackedTriangle* tri = triangles_.data() + node.firstOrRight;
            for (std::uint32_t k = 0; k < node.count; ++k) {
                const PackedTriangle& t = tri[k];
                const glm::vec2 uv = closestOnTriangle(query, t);
                const glm::vec3 diff = query - (t.a + uv.x * t.ab + uv.y * t.ac);
                const float d2 = glm::dot(diff, diff);
                if (d2 <= best2) {
                    best2 = d2;
                    bestSlot = node.firstOrRight + k;
                    bestUv = uv;
                }
            }
        } else {
            const std::uint32_t left = ni + 1, right = node.firstOrRight;
            const float dLeft = boxDistance2(nodes_[left], query);
            const float dRight = boxDistance2(nodes_[right], query);
            const bool rightFirst = dRight < dLeft;
            const std::uint32_t nearChild = rightFirst ? right : left;
            const std::uint32_t farChild = rightFirst ? left : right;
            const float dNear = fastMin(dLeft, dRight);
            const float dFar = fastMax(dLeft, dRight);
            stack[sp] = {farChild, dFar};
            sp += dFar <= best2 ? 1 : 0;
            if (dNear <= best2) {
                ni = nearChild;
                continue;
            }
        }
        bool more = false;
        while (sp > 0) {
            const Entry e = stack[--sp];
            if (e.d2 <= best2) {
                ni = e.node;
                more = true;
                break;
            }
        }
        if (!more) break;
    }
    if (bestSlot == kNoTriangle) return std::nullopt;
    const PackedTriangle& t = triangles_[bestSlot];
    SurfaceHit hit;
    hit.triangle = t.original;
    hit.barycentric = bestUv;
    hit.point = t.a + bestUv.x * t.ab + bestUv.y * t.ac;
    hit.normal = unitNormal(t);
    hit.distance = glm::length(query - hit.point);
    return hit;
}

}  // namespace pinpoint::core
