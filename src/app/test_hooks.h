#pragma once
// What the app tests need to drive the real window with real input (xdotool): each screen change,
// and where on screen the controls and the zones are, printed on stdout as lines:
//   screen NAME
//   button ID X Y        (centre of a control, window pixels; printed again when it moves)
//   point NAME X Y       (a model-space landmark projected to the window)
//   size window W H      (the framebuffer size, when it changes)
//   session PATH
//   pen_angle DEGREES    (the angle gauge's reading, rounded; printed when it changes)
//   tablets N            (pen tablets found over XInput 2 at start; "none" without XInput 2)
//   centre TEXT          (the training centre's line in the treatment panel, when it changes)
// Off unless --test-hooks is given.
#include <map>
#include <string>
#include <utility>

namespace pinpoint::app {

class TestHooks {
public:
    explicit TestHooks(bool enabled) : enabled_(enabled) {}
    bool enabled() const { return enabled_; }
    void screen(const std::string& name);
    void position(const char* kind, const std::string& id, float x, float y);
    void line(const std::string& text);
    void value(const std::string& name, int v);  // "NAME V", when V differs from the last one printed
    void text(const std::string& name, const std::string& v);  // "NAME V", when V differs from the last one printed

private:
    bool enabled_;
    std::map<std::string, std::pair<int, int>> last_;
    std::map<std::string, std::string> lastText_;
};

}  // namespace pinpoint::app
