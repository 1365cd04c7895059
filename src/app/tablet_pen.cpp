#include "app/tablet_pen.h"

#include <algorithm>
#include <cmath>

namespace pinpoint::app {

float tiltDegrees(double value, const ValuatorRange& range) {
    const double centre = 0.5 * (range.min + range.max);
    const double half = 0.5 * (range.max - range.min);
    if (!(half > 0.0) || !std::isfinite(value)) return 0.0f;
    const double v = std::clamp(value, range.min, range.max);
    if (std::max(std::abs(range.min), std::abs(range.max)) <= 90.0) return static_cast<float>(v);
    return static_cast<float>(64.0 * (v - centre) / half);
}

PenReading TabletPen::read(const TabletSample& s) {
    PenReading r;
    const double span = s.pressureRange.max - s.pressureRange.min;
    if (span > 0.0 && std::isfinite(s.pressure))
        r.pressure = static_cast<float>(std::clamp((s.pressure - s.pressureRange.min) / span, 0.0, 1.0));
    contact_ = contact_ ? r.pressure > kPenReleasePressure : r.pressure >= kPenContactPressure;
    r.contact = contact_;
    if (s.tiltX && s.tiltY) r.tiltDeg = glm::vec2(tiltDegrees(*s.tiltX, s.tiltRange), tiltDegrees(*s.tiltY, s.tiltRange));
    return r;
}

}  // namespace pinpoint::app
