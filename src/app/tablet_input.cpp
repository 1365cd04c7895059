#include "app/tablet_input.h"

#define GLFW_INCLUDE_NONE
#include <GLFW/glfw3.h>
#include <X11/Xlib.h>
#include <X11/extensions/XInput2.h>

// GLFW's X11 accessors (glfw3native.h declares them, but with GLFW_EXPOSE_NATIVE_X11 it also pulls in
// Xrandr's headers, which nothing here needs). Both return null/None when the window is not on X11.
extern "C" Display* glfwGetX11Display(void);
extern "C" Window glfwGetX11Window(GLFWwindow* window);

#include <cstring>

namespace pinpoint::app {

struct TabletInput::Device {
    int id = 0;
    int pressure = -1, tiltX = -1, tiltY = -1;  // valuator numbers; -1: the device has none
    TabletSample sample;
};

namespace {

Display* asDisplay(void* d) { return static_cast<Display*>(d); }

bool isLabel(Display* display, Atom label, const char* name) {
    if (label == None) return false;
    char* text = XGetAtomName(display, label);
    const bool same = text && std::strcmp(text, name) == 0;
    if (text) XFree(text);
    return same;
}

}  // namespace

std::unique_ptr<TabletInput> TabletInput::open(GLFWwindow* window) {
    const Window x11Window = glfwGetX11Window(window);
    if (x11Window == None || glfwGetX11Display() == nullptr) return nullptr;
    Display* display = XOpenDisplay(nullptr);
    if (!display) return nullptr;
    std::unique_ptr<TabletInput> in(new TabletInput());
    in->display_ = display;
    in->window_ = x11Window;
    int event = 0, error = 0;
    int major = 2, minor = 2;
    if (!XQueryExtension(display, "XInputExtension", &in->opcode_, &event, &error) ||
        XIQueryVersion(display, &major, &minor) != Success)
        return nullptr;

    in->findTablets();
    // Devices coming and going are announced on the root window.
    unsigned char bits[XIMaskLen(XI_LASTEVENT)] = {};
    XISetMask(bits, XI_HierarchyChanged);
    XIEventMask mask{XIAllDevices, sizeof bits, bits};
    XISelectEvents(display, DefaultRootWindow(display), &mask, 1);
    XFlush(display);
    return in;
}

void TabletInput::findTablets() {
    Display* display = asDisplay(display_);
    devices_.clear();
    names_.clear();
    reading_.reset();
    pen_.reset();
    int count = 0;
    XIDeviceInfo* info = XIQueryDevice(display, XIAllDevices, &count);
    for (int i = 0; i < count; ++i) {
        if (info[i].use != XISlavePointer) continue;
        Device d;
        d.id = info[i].deviceid;
        for (int c = 0; c < info[i].num_classes; ++c) {
            if (info[i].classes[c]->type != XIValuatorClass) continue;
            const auto* v = reinterpret_cast<const XIValuatorClassInfo*>(info[i].classes[c]);
            const ValuatorRange range{v->min, v->max};
            if (isLabel(display, v->label, "Abs Pressure")) {
                d.pressure = v->number;
                d.sample.pressureRange = range;
            } else if (isLabel(display, v->label, "Abs Tilt X")) {
                d.tiltX = v->number;
                d.sample.tiltRange = range;
            } else if (isLabel(display, v->label, "Abs Tilt Y")) {
                d.tiltY = v->number;
            }
        }
        if (d.pressure < 0) continue;
        devices_.push_back(d);
        names_.emplace_back(info[i].name ? info[i].name : "tablet");
    }
    if (info) XIFreeDeviceInfo(info);
    if (devices_.empty()) return;
    unsigned char bits[XIMaskLen(XI_LASTEVENT)] = {};
    XISetMask(bits, XI_Motion);
    std::vector<XIEventMask> masks;
    for (const Device& d : devices_) masks.push_back(XIEventMask{d.id, sizeof bits, bits});
    XISelectEvents(display, static_cast<Window>(window_), masks.data(), static_cast<int>(masks.size()));
    XFlush(display);
}

TabletInput::~TabletInput() {
    if (display_) XCloseDisplay(asDisplay(display_));
}

std::optional<PenReading> TabletInput::poll() {
    Display* display = asDisplay(display_);
    while (XPending(display) > 0) {
        XEvent event;
        XNextEvent(display, &event);
        XGenericEventCookie* cookie = &event.xcookie;
        if (cookie->type != GenericEvent || cookie->extension != opcode_ || !XGetEventData(display, cookie)) continue;
        if (cookie->evtype == XI_HierarchyChanged) {
            XFreeEventData(display, cookie);
            findTablets();
            continue;
        }
        if (cookie->evtype == XI_Motion) {
            const auto* e = static_cast<const XIDeviceEvent*>(cookie->data);
            for (Device& d : devices_) {
                if (d.id != e->sourceid && d.id != e->deviceid) continue;
                // The event carries only the valuators that changed, packed in the order of their bits.
                int packed = 0;
                for (int bit = 0; bit < e->valuators.mask_len * 8; ++bit) {
                    if (!XIMaskIsSet(e->valuators.mask, bit)) continue;
                    const double value = e->valuators.values[packed++];
                    if (bit == d.pressure) d.sample.pressure = value;
                    else if (bit == d.tiltX) d.sample.tiltX = value;
                    else if (bit == d.tiltY) d.sample.tiltY = value;
                }
                reading_ = pen_.read(d.sample);
                break;
            }
        }
        XFreeEventData(display, cookie);
    }
    return reading_;
}

}  // namespace pinpoint::app
