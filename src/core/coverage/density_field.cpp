#include "core/coverage/density_field.h"

#include <algorithm>
#include <thread>

namespace pinpoint::core {

DensityField::DensityField(const SurfaceMesh& mesh, const TriangleAdjacency& adjacency,
                           const std::vector<std::uint16_t>& areaOfTriangle, const std::vector<char>& measuredArea,
                           const DensityScales& scales)
    : areaOfTriangle_(areaOfTriangle), triangleArea_(triangleAreasMm2(mesh)), areaCount_(measuredArea.size()) {
    // The two scales are independent: the roller's is laid out on a second thread meanwhile.
    std::thread roller([&] { roller_ = SkinSamples(mesh, adjacency, areaOfTriangle, measuredArea, scales.roller); });
    pen_ = SkinSamples(mesh, adjacency, areaOfTriangle, measuredArea, scales.pen);
    roller.join();
    for (std::uint16_t a : areaOfTriangle) areaCount_ = std::max<std::size_t>(areaCount_, a + 1u);
}

DensityField::DensityField(const SurfaceMesh& mesh, const std::vector<std::uint16_t>& areaOfTriangle,
                           const std::vector<char>& measuredArea, SkinSamples pen, SkinSamples roller)
    : pen_(std::move(pen)),
      roller_(std::move(roller)),
      areaOfTriangle_(areaOfTriangle),
      triangleArea_(triangleAreasMm2(mesh)),
      areaCount_(measuredArea.size()) {
    for (std::uint16_t a : areaOfTriangle) areaCount_ = std::max<std::size_t>(areaCount_, a + 1u);
}

std::vector<char> rollerAreas(const DensityField& field, std::span<const Puncture> punctures, double until) {
    std::vector<std::size_t> all(field.areaCount(), 0), roller(field.areaCount(), 0);
    for (const Puncture& p : punctures) {
        if (p.t > until || p.area >= all.size()) continue;
        ++all[p.area];
        roller[p.area] += p.tool == ToolKind::Roller;
    }
    std::vector<char> out(all.size(), 0);
    for (std::size_t a = 0; a < out.size(); ++a) out[a] = measuredAsRoller(roller[a], all[a]);
    return out;
}

PunctureTally::PunctureTally(const DensityField& field)
    : field_(&field),
      perTriangle_(field.triangleCount(), 0),
      perArea_(field.areaCount(), 0),
      rollerPerArea_(field.areaCount(), 0) {
    counts_[0].assign(field.samples(false).size(), 0);
    counts_[1].assign(field.samples(true).size(), 0);
}

void PunctureTally::count(std::uint32_t triangle, std::uint16_t area, ToolKind tool) {
    if (triangle < perTriangle_.size()) ++perTriangle_[triangle];
    if (area < perArea_.size()) {
        ++perArea_[area];
        rollerPerArea_[area] += tool == ToolKind::Roller;
    }
}

void PunctureTally::addAtHome(std::uint32_t triangle, std::uint16_t area, ToolKind tool, bool rollerScale, std::uint32_t home) {
    count(triangle, area, tool);
    if (home == kNoSample) return;
    std::vector<std::uint32_t>& at = homes_[rollerScale];
    if (at.empty()) at.assign(counts_[rollerScale].size(), 0);
    ++at[home];
}

void PunctureTally::settle() {
    // A point's count is the punctures at the points whose discs hold it: each point with punctures
    // adds them to its disc, once.
    for (const bool roller : {false, true}) {
        std::vector<std::uint32_t>& homes = homes_[roller];
        if (homes.empty()) continue;
        std::vector<std::uint32_t>& at = counts_[roller];
        const SkinSamples& samples = field_->samples(roller);
        for (std::uint32_t q = 0; q < homes.size(); ++q) {
            const std::uint32_t n = homes[q];
            if (n == 0) continue;
            for (std::uint32_t s : samples.near(q)) at[s] += n;
        }
        homes = {};
    }
}

void PunctureTally::add(const Puncture& p, bool penScale, bool rollerScale) {
    count(p);
    for (const bool roller : {false, true}) {
        if (!(roller ? rollerScale : penScale)) continue;
        std::vector<std::uint32_t>& at = counts_[roller];
        field_->samples(roller).forEachCounting(p.triangle, p.barycentric, [&](std::uint32_t s) { ++at[s]; });
    }
}

void PunctureTally::clear() {
    for (auto& c : counts_) std::fill(c.begin(), c.end(), 0u);
    for (auto& h : homes_) h = {};
    std::fill(perTriangle_.begin(), perTriangle_.end(), 0u);
    std::fill(perArea_.begin(), perArea_.end(), 0u);
    std::fill(rollerPerArea_.begin(), rollerPerArea_.end(), 0u);
}

double drawnDensity(const PunctureTally& tally, std::size_t t, bool roller) {
    const DensityField& field = tally.field();
    const double area = field.triangleAreaMm2(t);
    if (area <= 0.0) return 0.0;
    const SkinSamples& samples = field.samples(roller);
    const std::uint32_t n = samples.countOf(static_cast<std::uint32_t>(t));
    if (n == 0) return 100.0 * tally.inTriangle(t) / area;
    const std::uint32_t first = samples.firstOf(static_cast<std::uint32_t>(t));
    double sum = 0.0;
    for (std::uint32_t s = first; s < first + n; ++s) sum += samples.weightMm2(s) * tally.densityPerCm2(roller, s);
    return sum / area;
}

std::vector<double> drawnDensity(const PunctureTally& tally, const std::vector<char>& roller) {
    const DensityField& field = tally.field();
    std::vector<double> out(field.triangleCount(), 0.0);
    for (std::size_t t = 0; t < out.size(); ++t) {
        const std::uint16_t a = field.areaOf(t);
        out[t] = drawnDensity(tally, t, a < roller.size() && roller[a] != 0);
    }
    return out;
}

}  // namespace pinpoint::core
