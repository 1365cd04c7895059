#pragma once
// Points laid over the skin of the treatment zones at a spacing set by the needles, not by the mesh:
// each triangle is cut into n x n equal sub-triangles of about the area of a lattice cell whose
// points lie `spacingMm` apart, and a point sits at the centre of each, standing for the
// sub-triangle's skin. A puncture belongs to the point of the sub-triangle it lands in (at most about
// the spacing away). A point's density counts the punctures of the points of the same zone within
// `radiusMm` of it (its disc), over the skin those points stand for, so the edge of a zone or of the
// surface does not thin it. A head subdivided further lays its points differently but just as
// densely: what they measure does not depend on the triangles.
#include "core/geometry/mesh.h"
#include "core/geometry/surface_walk.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

namespace pinpoint::core {

// How finely a device's punctures are measured (assets/rubric.toml, [coverage.pen] and [coverage.roller]).
struct SampleScale {
    double spacingMm = 0.5;     // between neighbouring points
    double radiusMm = 1.0;      // a point's density counts the punctures this close to it
    double edgeMarginMm = 3.0;  // skin this close to its zone's edge is the zone's margin, not its inside
};

inline constexpr std::uint32_t kNoSample = std::numeric_limits<std::uint32_t>::max();

// Which of a triangle's n x n sub-triangles holds the barycentric point (u, v) (the weights of corners
// b and c), as an index among the triangle's points. Sub-triangles are numbered in lattice coordinates
// (i along corner b, j along corner c): first the n(n+1)/2 upright ones (i + j <= n-1), then the
// n(n-1)/2 inverted ones (i + j <= n-2), row by row. shaders/skin_samples.glsl (subTriangle) is the
// same rule for the heatmap drawn on the GPU; the two must stay equal (tests/render/sample_heatmap_test.cpp
// draws points and checks each lands on its own sample's colour).
inline std::uint32_t uprightSubTriangle(std::uint32_t n, std::uint32_t i, std::uint32_t j) { return i * n - i * (i - 1) / 2 + j; }
inline std::uint32_t invertedSubTriangle(std::uint32_t n, std::uint32_t i, std::uint32_t j) {
    return n * (n + 1) / 2 + i * (n - 1) - i * (i - 1) / 2 + j;
}
std::uint32_t subTriangle(std::uint32_t n, glm::vec2 barycentric);

class SkinSamples {
public:
    SkinSamples() = default;
    // Points on the triangles whose area is marked in `sampledArea` (by area index).
    SkinSamples(const SurfaceMesh& mesh, const TriangleAdjacency& adjacency, const std::vector<std::uint16_t>& areaOfTriangle,
                const std::vector<char>& sampledArea, SampleScale scale);

    const SampleScale& scale() const { return scale_; }
    std::size_t size() const { return position_.size(); }
    std::size_t triangleCount() const { return cuts_.size(); }  // of the mesh the points were laid on
    glm::vec3 position(std::uint32_t s) const { return position_[s]; }
    float weightMm2(std::uint32_t s) const { return weight_[s]; }       // the skin the point stands for
    std::uint16_t area(std::uint32_t s) const { return area_[s]; }
    std::uint32_t triangle(std::uint32_t s) const { return triangle_[s]; }
    float discAreaMm2(std::uint32_t s) const { return disc_[s]; }        // the skin of the points in its disc
    // How far the point lies from its zone's edge (where the zone meets another area or the surface
    // ends), along the points; and whether that is beyond the scale's edge margin.
    float edgeDistanceMm(std::uint32_t s) const { return edge_[s]; }
    bool inside(std::uint32_t s) const { return edge_[s] > scale_.edgeMarginMm; }
    // The points standing for one triangle's skin: [first, first + count).
    std::uint32_t firstOf(std::uint32_t triangle) const { return first_[triangle]; }
    std::uint32_t countOf(std::uint32_t triangle) const { return first_[triangle + 1] - first_[triangle]; }
    // n: the triangle is cut n x n (subTriangle); 0 where it has no points.
    std::uint32_t cutsOf(std::uint32_t triangle) const { return cuts_[triangle]; }

    // Punctures per cm² at point `s`, given how many punctures lie within the radius of it.
    double densityPerCm2(std::uint32_t s, std::uint32_t punctures) const {
        return disc_[s] > 0.0f ? 100.0 * punctures / static_cast<double>(disc_[s]) : 0.0;
    }
    // The points of the same zone within the radius of `s` (`s` among them): those whose density a
    // puncture at `s` raises, and the neighbours that join bare skin into one stretch.
    std::span<const std::uint32_t> near(std::uint32_t s) const {
        return {near_.data() + nearStart_[s], near_.data() + nearStart_[s + 1]};
    }

    // The point whose sub-triangle holds the barycentric point (kNoSample where the triangle's area
    // is not sampled).
    std::uint32_t containing(std::uint32_t triangle, glm::vec2 barycentric) const;
    // Calls f(s) for every point whose density counts a puncture at this barycentric point.
    template <class F>
    void forEachCounting(std::uint32_t triangle, glm::vec2 barycentric, F&& f) const {
        const std::uint32_t home = containing(triangle, barycentric);
        if (home == kNoSample) return;
        for (std::uint32_t s : near(home)) f(s);
    }

    // Everything the points hold, to keep them on disk and read them back (io/density_cache.h).
    struct Stored {
        SampleScale scale;
        std::vector<glm::vec3> position;
        std::vector<float> weight, disc, edge;
        std::vector<std::uint16_t> area;
        std::vector<std::uint32_t> triangle, first;
        std::vector<std::uint16_t> cuts;
        std::vector<std::uint32_t> nearStart, near;
    };
    Stored store() const;
    // Back from store(); nullopt when the parts do not fit together (a damaged file), so that no
    // index can point outside them.
    static std::optional<SkinSamples> restore(Stored stored);

private:
    void measureEdgeDistances();
    SampleScale scale_;
    std::vector<glm::vec3> position_;
    std::vector<float> weight_, disc_, edge_;
    std::vector<std::uint16_t> area_;
    std::vector<std::uint32_t> triangle_;
    std::vector<std::uint32_t> first_;      // per triangle, plus one past the end
    std::vector<std::uint16_t> cuts_;       // per triangle: n (0: not sampled)
    std::vector<std::uint32_t> nearStart_;  // compressed rows: near(s) = near_[nearStart_[s] .. nearStart_[s+1])
    std::vector<float> flat_;               // per point: the skin within the radius, edges softened (for edge_)
    std::vector<std::uint32_t> near_;
};

}  // namespace pinpoint::core
