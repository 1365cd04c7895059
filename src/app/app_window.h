#pragma once
// The GLFW window (RAII): GLFW's start-up, the window without an OpenGL context, its Vulkan surface,
// the wheel (GLFW reports it only by callback) and key presses (Dear ImGui 1.86 keeps only whether a
// key is down at each frame, so a tap shorter than a frame would be lost).
#include "core/common/error.h"
#include "render/context.h"

#include <memory>
#include <string>
#include <vector>

struct GLFWwindow;

namespace pinpoint::app {

class AppWindow {
public:
    // Fails with GLFW's reason when there is no display (or no Vulkan support in GLFW).
    static core::Result<std::unique_ptr<AppWindow>> open(int width, int height, const std::string& title);
    ~AppWindow();
    AppWindow(const AppWindow&) = delete;
    AppWindow& operator=(const AppWindow&) = delete;

    GLFWwindow* handle() const { return window_; }
    static std::vector<std::string> requiredInstanceExtensions();
    vk::raii::SurfaceKHR createSurface(const vk::raii::Instance& instance) const;

    bool shouldClose() const;
    void requestClose();
    void pollEvents();
    vk::Extent2D framebufferSize() const;
    double takeScroll();  // wheel steps since the last call
    std::vector<int> takeKeyPresses();  // GLFW key codes pressed (or repeated) since the last call

private:
    AppWindow() = default;
    GLFWwindow* window_ = nullptr;
    double scroll_ = 0.0;
    std::vector<int> keyPresses_;
};

}  // namespace pinpoint::app
