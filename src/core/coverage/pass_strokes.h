#pragma once
// Pass directions from sustained strokes. The tool's path in each contact is cut into chunks of a
// couple of millimetres; a stroke is a run of chunks whose heading stays within the rubric's turn
// limit of the stroke's own heading. Only strokes at least the rubric's length count as a pass in a
// direction: jitter, zig-zags and short dabs wander, and cross nothing.
#include "core/sim/puncture.h"

#include <array>
#include <vector>

namespace pinpoint::core {

struct StrokeRules {
    double minLengthMm = 10.0;
    double maxTurnDeg = 30.0;
    double chunkMm = 2.0;
};

struct ZoneStrokes {
    std::array<double, 4> travelMm{};  // in sustained strokes, by direction (kPassDirections)
    double wanderingMm = 0.0;          // travel in no sustained stroke
};

// `slotOfArea` maps a travel segment's area to an index in the result (-1: not measured).
std::vector<ZoneStrokes> passStrokes(const std::vector<TravelSegment>& travel, const std::vector<int>& slotOfArea,
                                     std::size_t zones, const StrokeRules& rules);

}  // namespace pinpoint::core
