#pragma once
// Where pinpoint bleeding can show: the punctures that reached the dermis, one point per small cell of
// skin (a later puncture into a cell that already has one adds nothing, so a long session's list stays
// bounded by the treated area, and at most kMaxBleedingPoints in all). Each point carries a seed; it
// shows as a drop of blood once the dermal density around it passes the share its seed asks for
// (shaders/bleeding.vert), so more points bleed as the dermal density builds. Points are appended in
// puncture order: the list at a moment of a session is a prefix of the whole session's list, so live,
// review and the report's pictures show the same drops for the same punctures.
#include "core/geometry/mesh.h"
#include "core/sim/puncture.h"

#include <cstdint>
#include <span>
#include <unordered_set>
#include <vector>

namespace pinpoint::core {

// Of the dermal punctures' cells, at most this share ever bleeds (at full dermal density); only those
// are kept, with seeds rescaled to 0..1.
inline constexpr float kMaxBleedingShare = 0.5f;
inline constexpr float kBleedingCellMm = 1.0f;
inline constexpr std::size_t kMaxBleedingPoints = 1u << 15;

struct BleedingPoint {
    glm::vec3 position{0.0f};           // mm, on the skin
    glm::vec3 normal{0.0f, 0.0f, 1.0f}; // unit, out of the skin
    std::uint32_t vertex = 0;           // the mesh vertex nearest the puncture: its dermal density decides
    float seed = 0.0f;                  // 0..1: bleeds once the bleeding share passes it
    double t = 0.0;                     // the first puncture in its cell (session seconds)
};

class BleedingPoints {
public:
    explicit BleedingPoints(const SurfaceMesh& mesh);  // `mesh` must outlive this object

    // A puncture that reached the dermis (the caller checks the depth, as for the dermal density).
    void add(const Puncture& puncture);
    void clear();

    const std::vector<BleedingPoint>& points() const { return points_; }
    // Points from punctures made at or before `t` (a prefix of points()).
    std::size_t countAt(double t) const;
    std::span<const BleedingPoint> until(double t) const { return std::span(points_).first(countAt(t)); }
    // Changes whenever the list is cleared, so a renderer knows to resend it from the start.
    std::uint64_t generation() const { return generation_; }
    std::size_t dropped() const { return dropped_; }  // new cells refused at the cap

private:
    const SurfaceMesh* mesh_;
    std::vector<BleedingPoint> points_;
    std::unordered_set<std::uint64_t> cells_;  // every cell visited, bleeding or not
    std::uint64_t generation_;
    std::size_t dropped_ = 0;
};

// The seed of a cell of skin (0..1, deterministic), from its integer coordinates.
float cellSeed(std::uint64_t cellKey);

}  // namespace pinpoint::core
