#pragma once
// Draws frames into a window: the head and the tool, then whatever the caller records on top (the
// ImGui layer) in the same render pass, presented through a swapchain that follows the window's size
// (rebuilt on resize; nothing is drawn while the window is minimised). Two frames in flight, each
// with its own uniforms, density and tool buffers. Knows nothing of the windowing library: the
// caller creates the VkSurfaceKHR and reports the framebuffer size.
#include "render/swapchain.h"
#include "render/surface_renderer.h"
#include "render/tool_renderer.h"

#include <functional>
#include <memory>

namespace pinpoint::render {

inline constexpr std::uint32_t kFramesInFlight = 2;

enum class FrameResult { Drawn, Minimised, Skipped };

using OverlayRecorder = std::function<void(const vk::raii::CommandBuffer&)>;

struct WindowRendererOptions {
    bool vsync = true;
    std::uint32_t samples = 0;  // 0: what the device affords interactively (1 on a CPU driver, else 4)
};

class WindowRenderer {
public:
    // Takes ownership of `surface` (created on context.instance()).
    static core::Result<std::unique_ptr<WindowRenderer>> create(const Context& context, vk::raii::SurfaceKHR surface,
                                                               const HeadSurface& head, vk::Extent2D framebufferSize,
                                                               const WindowRendererOptions& options = {});
    ~WindowRenderer();
    WindowRenderer(const WindowRenderer&) = delete;
    WindowRenderer& operator=(const WindowRenderer&) = delete;

    // Draws and presents one frame at the window's current framebuffer size.
    FrameResult drawFrame(const Scene& scene, vk::Extent2D framebufferSize, const OverlayRecorder& overlay = {});
    void waitIdle() const;

    vk::RenderPass renderPass() const { return *renderPass_; }
    vk::SampleCountFlagBits samples() const { return format_.target.samples; }
    std::uint32_t minImageCount() const { return format_.minImageCount; }
    std::uint32_t imageCount() const { return swapchain_->imageCount(); }
    vk::Extent2D extent() const { return swapchain_->extent(); }
    std::size_t densityBytesUploaded() const { return surfaceRenderer_.densityBytesUploaded(); }

private:
    WindowRenderer(const Context& context, vk::raii::SurfaceKHR surface, const HeadSurface& head,
                   const SwapchainFormat& format, vk::raii::RenderPass renderPass, vk::Extent2D size);
    void recreate(vk::Extent2D size);
    void record(const vk::raii::CommandBuffer& cmd, const Scene& scene, std::uint32_t image,
                const OverlayRecorder& overlay);

    const Context* context_;
    vk::raii::SurfaceKHR surface_;
    SwapchainFormat format_;
    vk::raii::RenderPass renderPass_;
    GpuSurface gpuSurface_;
    SurfaceRenderer surfaceRenderer_;
    ToolRenderer toolRenderer_;
    std::unique_ptr<Swapchain> swapchain_;
    vk::raii::CommandPool pool_{nullptr};
    std::vector<vk::raii::CommandBuffer> commands_;
    std::vector<vk::raii::Semaphore> imageAvailable_;
    std::vector<vk::raii::Fence> inFlight_;
    std::uint32_t frame_ = 0;
    bool outOfDate_ = false;
};

}  // namespace pinpoint::render
