#include "app/window_graphics.h"

#include <iostream>

namespace pinpoint::app {

std::unique_ptr<WindowGraphics> openWindowGraphics(const AppWindow& window, const core::Head& head,
                                                   const core::DensityField* samples,
                                                   render::ContextOptions contextOptions,
                                                   const render::WindowRendererOptions& rendererOptions,
                                                   const std::string& who) {
    contextOptions.instanceExtensions = AppWindow::requiredInstanceExtensions();
    contextOptions.deviceExtensions = {VK_KHR_SWAPCHAIN_EXTENSION_NAME};
    contextOptions.makeSurface = [&window](const vk::raii::Instance& instance) { return window.createSurface(instance); };
    auto context = render::Context::create(contextOptions);
    if (!context) {
        std::cerr << who << ": " << context.error().describe() << "\n";
        return nullptr;
    }
    if (!(*context)->choiceNote().empty()) std::cerr << who << ": " << (*context)->choiceNote() << "\n";
    auto g = std::make_unique<WindowGraphics>();
    g->context = std::move(*context);
    g->head = render::headSurface(head);
    g->head.samples = samples;
    auto renderer = render::WindowRenderer::create(*g->context, g->context->takeSurface(), g->head,
                                                   window.framebufferSize(), rendererOptions);
    if (!renderer) {
        std::cerr << who << ": " << renderer.error().describe() << "\n";
        return nullptr;
    }
    g->renderer = std::move(*renderer);
    g->imgui.emplace(window.handle());
    g->ui.emplace(*g->context, g->renderer->overlayRenderPass(), g->renderer->overlaySamples(),
                  g->renderer->minImageCount(), g->renderer->imageCount());
    return g;
}

}  // namespace pinpoint::app
