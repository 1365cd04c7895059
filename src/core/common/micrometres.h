#pragma once
// Needle depths are whole micrometres from the session file to the report, so that a range edge is
// an edge: 0.3 mm on the under-eye skin (0.2-0.3 mm) is in range, exactly. Settings are written in
// millimetres as decimals (0.3, 0.55); the nearest micrometre is the depth. Every depth comparison,
// live or scored, goes through these integers.
#include <cmath>
#include <cstdint>

namespace pinpoint::core {

using Micrometres = std::int32_t;

inline Micrometres toMicrometres(double mm) { return static_cast<Micrometres>(std::llround(mm * 1000.0)); }
inline double toMillimetres(Micrometres um) { return static_cast<double>(um) / 1000.0; }

}  // namespace pinpoint::core
