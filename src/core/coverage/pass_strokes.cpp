#include "core/coverage/pass_strokes.h"

#include <cmath>
#include <numbers>
#include <utility>

namespace pinpoint::core {

namespace {

constexpr double kRadians = std::numbers::pi / 180.0;

// Which of the four pass directions a heading (any sign) belongs to.
int directionBin(double headingDeg) {
    double folded = std::fmod(headingDeg, 180.0);
    if (folded < 0.0) folded += 180.0;
    return static_cast<int>(std::floor((folded + 22.5) / 45.0)) % 4;
}

// A piece of the path: where it goes (in the skin's local frame) and the travel it holds per zone.
struct Chunk {
    double dx = 0.0, dy = 0.0;  // displacement, mm
    double path = 0.0;          // length travelled, mm
    std::vector<std::pair<int, double>> bySlot;
    void add(int slot, double length) {
        path += length;
        if (slot < 0) return;
        if (!bySlot.empty() && bySlot.back().first == slot) bySlot.back().second += length;
        else bySlot.emplace_back(slot, length);
    }
};

class StrokeBuilder {
public:
    StrokeBuilder(std::vector<ZoneStrokes>& out, const StrokeRules& rules) : out_(out), rules_(rules) {}

    void chunk(const Chunk& c) {
        const double d = std::hypot(c.dx, c.dy);
        // A chunk that goes nowhere in particular (back and forth within it) ends any stroke.
        if (d < 0.5 * c.path) {
            finish();
            wander(c);
            return;
        }
        const double ux = c.dx / d, uy = c.dy / d;
        if (!stroke_.empty()) {
            const double h = std::hypot(sx_, sy_);
            const double cosTurn = (sx_ * ux + sy_ * uy) / h;
            if (cosTurn < std::cos(rules_.maxTurnDeg * kRadians)) finish();
        }
        stroke_.push_back(c);
        sx_ += c.dx;
        sy_ += c.dy;
        length_ += c.path;
    }

    void finish() {
        if (stroke_.empty()) return;
        if (length_ >= rules_.minLengthMm) {
            const int bin = directionBin(std::atan2(sy_, sx_) / kRadians);
            for (const Chunk& c : stroke_)
                for (const auto& [slot, length] : c.bySlot) out_[slot].travelMm[bin] += length;
        } else {
            for (const Chunk& c : stroke_) wander(c);
        }
        stroke_.clear();
        sx_ = sy_ = length_ = 0.0;
    }

private:
    void wander(const Chunk& c) {
        for (const auto& [slot, length] : c.bySlot) out_[slot].wanderingMm += length;
    }
    std::vector<ZoneStrokes>& out_;
    const StrokeRules& rules_;
    std::vector<Chunk> stroke_;
    double sx_ = 0.0, sy_ = 0.0, length_ = 0.0;
};

}  // namespace

std::vector<ZoneStrokes> passStrokes(const std::vector<TravelSegment>& travel, const std::vector<int>& slotOfArea,
                                     std::size_t zones, const StrokeRules& rules) {
    std::vector<ZoneStrokes> out(zones);
    StrokeBuilder strokes(out, rules);
    Chunk chunk;
    std::uint32_t contact = 0;
    const auto endChunk = [&] {
        if (chunk.path > 0.0) strokes.chunk(chunk);
        chunk = Chunk{};
    };
    for (const TravelSegment& seg : travel) {
        if (seg.contact != contact) {  // lifted in between: a new contact, a new stroke
            endChunk();
            strokes.finish();
            contact = seg.contact;
        }
        const int slot = seg.area < slotOfArea.size() ? slotOfArea[seg.area] : -1;
        const double a = seg.directionDeg * kRadians;
        chunk.dx += seg.lengthMm * std::cos(a);
        chunk.dy += seg.lengthMm * std::sin(a);
        chunk.add(slot, seg.lengthMm);
        if (chunk.path >= rules.chunkMm) endChunk();
    }
    endChunk();
    strokes.finish();
    return out;
}

}  // namespace pinpoint::core
