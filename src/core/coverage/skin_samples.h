#pragma once
// Points laid over the skin of the treatment zones at a spacing set by the needles, not by the mesh:
// each triangle is cut into n x n equal sub-triangles (sides at most sqrt(3) x the spacing, so
// neighbouring points lie about `spacingMm` apart) and a point sits at the centre of each, standing
// for the sub-triangle's area. A point's density counts the punctures within `radiusMm` of it on
// the same zone's skin, over the area of that disc of skin (the points' own areas, so the edge of a
// zone or of the surface does not thin it). A head subdivided further lays its points differently
// but just as densely: what they measure does not depend on the triangles.
#include "core/geometry/mesh.h"
#include "core/geometry/surface_walk.h"

#include <cstdint>
#include <limits>
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

class SkinSamples {
public:
    SkinSamples() = default;
    // Points on the triangles whose area is marked in `sampledArea` (by area index).
    SkinSamples(const SurfaceMesh& mesh, const TriangleAdjacency& adjacency, const std::vector<std::uint16_t>& areaOfTriangle,
                const std::vector<char>& sampledArea, SampleScale scale);

    const SampleScale& scale() const { return scale_; }
    std::size_t size() const { return position_.size(); }
    glm::vec3 position(std::uint32_t s) const { return position_[s]; }
    float weightMm2(std::uint32_t s) const { return weight_[s]; }       // the skin the point stands for
    std::uint16_t area(std::uint32_t s) const { return area_[s]; }
    std::uint32_t triangle(std::uint32_t s) const { return triangle_[s]; }
    float discAreaMm2(std::uint32_t s) const { return disc_[s]; }        // the zone's skin within the radius (estimated)
    // How far the point lies from its zone's edge (where the zone meets another area or the surface
    // ends), along the points; and whether that is beyond the scale's edge margin.
    float edgeDistanceMm(std::uint32_t s) const { return edge_[s]; }
    bool inside(std::uint32_t s) const { return edge_[s] > scale_.edgeMarginMm; }
    // The points standing for one triangle's skin: [first, first + count).
    std::uint32_t firstOf(std::uint32_t triangle) const { return first_[triangle]; }
    std::uint32_t countOf(std::uint32_t triangle) const { return first_[triangle + 1] - first_[triangle]; }

    // Punctures per cm² at point `s`, given how many punctures lie within the radius of it.
    double densityPerCm2(std::uint32_t s, std::uint32_t punctures) const {
        return disc_[s] > 0.0f ? 100.0 * punctures / static_cast<double>(disc_[s]) : 0.0;
    }
    // The points of the same zone near `s` (within the radius plus the spacing): the candidates for
    // a puncture found at `s`, and the neighbours that join bare skin into one stretch.
    std::span<const std::uint32_t> near(std::uint32_t s) const {
        return {near_.data() + nearStart_[s], near_.data() + nearStart_[s + 1]};
    }

    // The point whose sub-triangle holds the barycentric point (kNoSample where the triangle's area
    // is not sampled).
    std::uint32_t containing(std::uint32_t triangle, glm::vec2 barycentric) const;
    // Calls f(s) for every point within the radius of a puncture at `point` in `triangle`.
    template <class F>
    void forEachWithin(std::uint32_t triangle, glm::vec2 barycentric, glm::vec3 point, F&& f) const {
        const std::uint32_t home = containing(triangle, barycentric);
        if (home == kNoSample) return;
        const float r2 = static_cast<float>(scale_.radiusMm * scale_.radiusMm);
        for (std::uint32_t s : near(home)) {
            const glm::vec3 d = position_[s] - point;
            if (d.x * d.x + d.y * d.y + d.z * d.z <= r2) f(s);
        }
    }

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
    std::vector<std::uint32_t> near_;
};

}  // namespace pinpoint::core
