#pragma once
// What each of the three windows (the simulator, the review window, the case editor) draws with: a
// Vulkan context on a device that can present to the window, the renderer of the head into the
// window, and ImGui over it. Declared in the order they depend on each other, so they go in reverse.
#include "app/app_window.h"
#include "app/imgui_session.h"
#include "render/context.h"
#include "render/head_surface.h"
#include "render/imgui_layer.h"
#include "render/window_renderer.h"

#include <memory>
#include <optional>
#include <string>

namespace pinpoint::app {

struct WindowGraphics {
    std::unique_ptr<render::Context> context;
    render::HeadSurface head;
    std::unique_ptr<render::WindowRenderer> renderer;
    std::optional<ImGuiSession> imgui;
    std::optional<render::ImGuiLayer> ui;
};

// `contextOptions` as the window wants them (validation, a preferred device); the window's surface and
// the extensions it needs are added here. On failure says why on stderr after `who` ("pinpoint
// review") and returns nullptr; the caller exits with 2. `samples`: the points the heatmap is drawn at
// (render::HeadSurface::samples; none for a window that draws no heatmap).
std::unique_ptr<WindowGraphics> openWindowGraphics(const AppWindow& window, const core::Head& head,
                                                   const core::DensityField* samples,
                                                   render::ContextOptions contextOptions,
                                                   const render::WindowRendererOptions& rendererOptions,
                                                   const std::string& who);

}  // namespace pinpoint::app
