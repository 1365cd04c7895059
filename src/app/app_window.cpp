#include "app/app_window.h"

#define GLFW_INCLUDE_VULKAN
#include <GLFW/glfw3.h>

namespace pinpoint::app {

namespace {

std::string lastGlfwError() {
    const char* text = nullptr;
    glfwGetError(&text);
    return text ? text : "unknown reason";
}

}  // namespace

core::Result<std::unique_ptr<AppWindow>> AppWindow::open(int width, int height, const std::string& title) {
    if (!glfwInit()) return core::Error{"", 0, 0, lastGlfwError(), ""};
    if (!glfwVulkanSupported()) {
        glfwTerminate();
        return core::Error{"", 0, 0, "GLFW finds no Vulkan loader", "install libvulkan1 and mesa-vulkan-drivers"};
    }
    glfwWindowHint(GLFW_CLIENT_API, GLFW_NO_API);
    glfwWindowHint(GLFW_RESIZABLE, GLFW_TRUE);
    std::unique_ptr<AppWindow> w(new AppWindow());
    w->window_ = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
    if (!w->window_) {
        const std::string reason = lastGlfwError();
        glfwTerminate();
        return core::Error{"", 0, 0, "the window did not open: " + reason, ""};
    }
    glfwSetWindowUserPointer(w->window_, w.get());
    glfwSetScrollCallback(w->window_, [](GLFWwindow* window, double, double dy) {
        static_cast<AppWindow*>(glfwGetWindowUserPointer(window))->scroll_ += dy;
    });
    // Dear ImGui's GLFW backend, installed later, calls these before its own.
    glfwSetKeyCallback(w->window_, [](GLFWwindow* window, int key, int, int action, int) {
        if (action == GLFW_PRESS || action == GLFW_REPEAT)
            static_cast<AppWindow*>(glfwGetWindowUserPointer(window))->keyPresses_.push_back(key);
    });
    return w;
}

AppWindow::~AppWindow() {
    if (window_) glfwDestroyWindow(window_);
    glfwTerminate();
}

std::vector<std::string> AppWindow::requiredInstanceExtensions() {
    std::uint32_t count = 0;
    const char** names = glfwGetRequiredInstanceExtensions(&count);
    std::vector<std::string> out;
    for (std::uint32_t i = 0; i < count; ++i) out.emplace_back(names[i]);
    return out;
}

vk::raii::SurfaceKHR AppWindow::createSurface(const vk::raii::Instance& instance) const {
    VkSurfaceKHR surface = VK_NULL_HANDLE;
    const VkResult r = glfwCreateWindowSurface(static_cast<VkInstance>(*instance), window_, nullptr, &surface);
    if (r != VK_SUCCESS) throw render::RenderError("the window's Vulkan surface was refused (" + std::to_string(r) + ")");
    return vk::raii::SurfaceKHR(instance, surface);
}

bool AppWindow::shouldClose() const { return glfwWindowShouldClose(window_) != 0; }
void AppWindow::requestClose() { glfwSetWindowShouldClose(window_, GLFW_TRUE); }
void AppWindow::pollEvents() { glfwPollEvents(); }

vk::Extent2D AppWindow::framebufferSize() const {
    int w = 0, h = 0;
    glfwGetFramebufferSize(window_, &w, &h);
    return vk::Extent2D(static_cast<std::uint32_t>(std::max(w, 0)), static_cast<std::uint32_t>(std::max(h, 0)));
}

double AppWindow::takeScroll() {
    const double s = scroll_;
    scroll_ = 0.0;
    return s;
}

std::vector<int> AppWindow::takeKeyPresses() {
    std::vector<int> out;
    out.swap(keyPresses_);
    return out;
}

}  // namespace pinpoint::app
