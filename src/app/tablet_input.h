#pragma once
// Pen tablets on X11, through XInput 2 (Debian's libxi): the pens' pressure and tilt over the
// simulator's window. GLFW reads the same pointer's position and buttons; this reads only what GLFW
// does not report. It listens on a connection of its own, so GLFW's event loop is left alone (the X
// server sends each client the events it selected).
#include "app/tablet_pen.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

struct GLFWwindow;

namespace pinpoint::app {

class TabletInput {
public:
    // Null when the window is not an X11 window or the server has no XInput 2.2. Tablets plugged in
    // or out later are found again (the server announces changes to its devices).
    static std::unique_ptr<TabletInput> open(GLFWwindow* window);
    ~TabletInput();
    TabletInput(const TabletInput&) = delete;
    TabletInput& operator=(const TabletInput&) = delete;

    // Reads what the pens sent since the last call: the latest reading, or none while no pen has
    // moved over the window.
    std::optional<PenReading> poll();
    const std::vector<std::string>& tabletNames() const { return names_; }

private:
    struct Device;
    TabletInput() = default;
    void findTablets();

    void* display_ = nullptr;  // Display*, kept opaque so X11's macros stay out of the app's headers
    unsigned long window_ = 0;
    int opcode_ = 0;
    std::vector<Device> devices_;
    std::vector<std::string> names_;
    TabletPen pen_;
    std::optional<PenReading> reading_;
};

}  // namespace pinpoint::app
