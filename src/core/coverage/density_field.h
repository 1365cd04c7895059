#pragma once
// Puncture density over the skin in punctures per cm², measured at the needles' scale whatever the
// mesh (skin_samples.h): the pen's punctures at its pins' scale (about 1 mm), the roller's at its
// drum's (its needles land some 2.5 mm apart in one pass). A zone is measured at the scale of the
// device that made most of its punctures (measuredAsRoller). The score, the live panel, the heatmap,
// review, the report and the centre all count punctures with PunctureTally, so they cannot differ.
#include "core/coverage/skin_samples.h"
#include "core/geometry/mesh.h"
#include "core/geometry/surface_walk.h"
#include "core/sim/puncture.h"

#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace pinpoint::core {

// A zone is measured against the targets, and at the scale, of the device that made most of its
// punctures (the pen's when none was made).
inline bool measuredAsRoller(std::size_t rollerPunctures, std::size_t punctures) { return 2 * rollerPunctures > punctures; }

struct DensityScales {
    SampleScale pen{0.5, 1.0, 3.0};
    SampleScale roller{0.7, 2.5, 10.0};
};

class DensityField {
public:
    DensityField() = default;
    // Samples the skin of the areas marked in `measuredArea` (the treatment zones).
    DensityField(const SurfaceMesh& mesh, const TriangleAdjacency& adjacency, const std::vector<std::uint16_t>& areaOfTriangle,
                 const std::vector<char>& measuredArea, const DensityScales& scales);

    // The same field from points laid out before (SkinSamples::store and restore, io/density_cache.h).
    DensityField(const SurfaceMesh& mesh, const std::vector<std::uint16_t>& areaOfTriangle, const std::vector<char>& measuredArea,
                 SkinSamples pen, SkinSamples roller);

    const SkinSamples& samples(bool roller) const { return roller ? roller_ : pen_; }
    std::size_t triangleCount() const { return triangleArea_.size(); }
    std::size_t areaCount() const { return areaCount_; }
    std::uint16_t areaOf(std::size_t triangle) const { return areaOfTriangle_[triangle]; }
    double triangleAreaMm2(std::size_t triangle) const { return triangleArea_[triangle]; }

private:
    SkinSamples pen_, roller_;
    std::vector<std::uint16_t> areaOfTriangle_;
    std::vector<double> triangleArea_;
    std::size_t areaCount_ = 0;
};

// The device each area is measured as, from the punctures made up to `until` (seconds).
std::vector<char> rollerAreas(const DensityField& field, std::span<const Puncture> punctures,
                              double until = std::numeric_limits<double>::infinity());

// Punctures counted at the samples within reach of each (one count per sample and scale), in each
// triangle, and per area by device.
class PunctureTally {
public:
    PunctureTally() = default;
    explicit PunctureTally(const DensityField& field);

    // Counts `p` at the pen's scale, the roller's, or both (a live picture needs both: the device a
    // zone is measured as may change as the trainee works).
    void add(const Puncture& p, bool penScale, bool rollerScale);
    // Many punctures at once, the same counts as add() gives: each is noted at its own point
    // (`home`: SkinSamples::containing at the scale `rollerScale` picks, kNoSample for none) and the
    // points within reach are counted once per point in settle(), not once per puncture. The
    // per-sample counts are complete only after settle().
    void addAtHome(std::uint32_t triangle, std::uint16_t area, ToolKind tool, bool rollerScale, std::uint32_t home);
    void settle();
    // As add(p, both), calling changed(roller, sample) for every sample whose count grew.
    template <class F>
    void addBoth(const Puncture& p, F&& changed) {
        count(p);
        for (const bool roller : {false, true}) {
            std::vector<std::uint32_t>& at = counts_[roller];
            field_->samples(roller).forEachCounting(p.triangle, p.barycentric, [&](std::uint32_t s) {
                ++at[s];
                changed(roller, s);
            });
        }
    }
    void clear();

    const DensityField& field() const { return *field_; }
    const std::vector<std::uint32_t>& counts(bool roller) const { return counts_[roller]; }
    double densityPerCm2(bool roller, std::uint32_t sample) const {
        return field_->samples(roller).densityPerCm2(sample, counts_[roller][sample]);
    }
    std::uint32_t inTriangle(std::size_t triangle) const { return perTriangle_[triangle]; }
    std::size_t punctures(std::size_t area) const { return perArea_[area]; }
    bool measuredAsRoller(std::size_t area) const { return core::measuredAsRoller(rollerPerArea_[area], perArea_[area]); }

private:
    void count(std::uint32_t triangle, std::uint16_t area, ToolKind tool);
    void count(const Puncture& p) { count(p.triangle, p.area, p.tool); }
    const DensityField* field_ = nullptr;
    std::vector<std::uint32_t> counts_[2];  // per sample: pen scale, roller scale
    std::vector<std::uint32_t> homes_[2];   // addAtHome's punctures per point, until settle()
    std::vector<std::uint32_t> perTriangle_;
    std::vector<std::size_t> perArea_, rollerPerArea_;
};

// The punctures of a treatment (up to `until`) as the score counts them: each at the scale of the
// device its zone is measured as (`roller`, per area: rollerAreas), those `counted` says to count.
// `homes`, when given, receives each puncture's point at the scale it was counted at (kNoSample for
// those not counted or on skin without points), one per puncture.
template <class Counted>
PunctureTally tallyPunctures(const DensityField& field, std::span<const Puncture> punctures, const std::vector<char>& roller,
                             Counted&& counted, double until = std::numeric_limits<double>::infinity(),
                             std::vector<std::uint32_t>* homes = nullptr) {
    PunctureTally tally(field);
    if (homes) homes->assign(punctures.size(), kNoSample);
    for (std::size_t i = 0; i < punctures.size(); ++i) {
        const Puncture& p = punctures[i];
        if (p.t > until || !counted(p)) continue;
        const std::uint16_t area = field.areaOf(p.triangle);
        const bool atRoller = area < roller.size() && roller[area] != 0;
        const std::uint32_t home = field.samples(atRoller).containing(p.triangle, p.barycentric);
        tally.addAtHome(p.triangle, p.area, p.tool, atRoller, home);
        if (homes) (*homes)[i] = home;
    }
    tally.settle();
    return tally;
}
inline PunctureTally tallyPunctures(const DensityField& field, std::span<const Puncture> punctures,
                                    double until = std::numeric_limits<double>::infinity()) {
    return tallyPunctures(field, punctures, rollerAreas(field, punctures, until), [](const Puncture&) { return true; }, until);
}

// The density drawn on each triangle: the mean of its samples at the scale `roller` gives its area;
// a triangle with no samples (forbidden skin) shows its own punctures over its own area.
std::vector<double> drawnDensity(const PunctureTally& tally, const std::vector<char>& roller);
double drawnDensity(const PunctureTally& tally, std::size_t triangle, bool roller);

}  // namespace pinpoint::core
