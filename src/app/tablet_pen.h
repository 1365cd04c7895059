#pragma once
// A pen tablet's samples turned into the trainee's hand: the nib's pressure decides contact (with a
// little hysteresis, so a steady light press does not flicker on and off) and the pen's own tilt is
// the needle's tilt. Pure: fed with synthetic samples by the tests, with real ones by the XInput2
// reader (tablet_input.h).
#include <glm/vec2.hpp>

#include <optional>

namespace pinpoint::app {

// A valuator's range as the X server reports it.
struct ValuatorRange {
    double min = 0.0;
    double max = 1.0;
};

struct TabletSample {
    double pressure = 0.0;
    ValuatorRange pressureRange;
    std::optional<double> tiltX, tiltY;  // absent on a tablet without tilt
    ValuatorRange tiltRange{-64.0, 63.0};
};

struct PenReading {
    bool contact = false;
    float pressure = 0.0f;            // 0..1
    std::optional<glm::vec2> tiltDeg; // x: toward the screen's right, y: toward its bottom
};

// Pressure (0..1) at which the nib counts as on the skin, and below which it counts as lifted again.
inline constexpr float kPenContactPressure = 0.10f;
inline constexpr float kPenReleasePressure = 0.05f;

class TabletPen {
public:
    PenReading read(const TabletSample& sample);
    void reset() { contact_ = false; }

private:
    bool contact_ = false;
};

// A tilt valuator's value in degrees. Tablets report tilt either in degrees (wacom: -64..63) or in
// counts over a wider range; a range wider than +-90 is taken to span +-64 degrees, the wacom pens'
// mechanical limit.
float tiltDegrees(double value, const ValuatorRange& range);

}  // namespace pinpoint::app
