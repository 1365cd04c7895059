#pragma once
// Draws frames into a window. The head and the tool go into a picture the renderer keeps between
// frames, redrawing only the pixels that changed (FrameDamage): while the trainee needles with the
// camera still, that is the tool's old and new place and the skin around new punctures. The picture
// is copied into the swapchain image and whatever the caller records (the ImGui layer) is drawn on
// top in a second render pass. The swapchain follows the window's size (rebuilt on resize; nothing is
// drawn while the window is minimised). Two frames in flight, each with its own uniforms, density
// and tool buffers. Knows nothing of the windowing library: the caller creates the VkSurfaceKHR and
// reports the framebuffer size.
#include "render/head_picture.h"
#include "render/swapchain.h"

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

    // The render pass and samples for what the caller draws on top (the interface).
    vk::RenderPass overlayRenderPass() const { return *overlayPass_; }
    vk::SampleCountFlagBits overlaySamples() const { return vk::SampleCountFlagBits::e1; }
    vk::SampleCountFlagBits samples() const { return format_.target.samples; }  // the head's
    std::uint32_t minImageCount() const { return format_.minImageCount; }
    std::uint32_t imageCount() const { return swapchain_->imageCount(); }
    vk::Extent2D extent() const { return swapchain_->extent(); }
    std::size_t densityBytesUploaded() const { return picture_.surfaceRenderer().densityBytesUploaded(); }
    std::uint64_t drawnIndices() const { return picture_.surfaceRenderer().drawnIndices(); }
    // Pixels of the head's picture redrawn so far, and frames that redrew all of it.
    std::uint64_t redrawnPixels() const { return picture_.redrawnPixels(); }
    std::uint64_t wholeRedraws() const { return picture_.wholeRedraws(); }

private:
    WindowRenderer(const Context& context, vk::raii::SurfaceKHR surface, const HeadSurface& head,
                   const SwapchainFormat& format, vk::Extent2D size);
    void recreate(vk::Extent2D size);
    void record(const vk::raii::CommandBuffer& cmd, const Scene& scene, std::uint32_t image,
                const OverlayRecorder& overlay);
    void recordCopyToWindow(const vk::raii::CommandBuffer& cmd, std::uint32_t image);

    const Context* context_;
    vk::raii::SurfaceKHR surface_;
    SwapchainFormat format_;
    vk::raii::RenderPass overlayPass_;  // the window image: the picture copied in, the interface on top
    GpuSurface gpuSurface_;
    std::unique_ptr<Swapchain> swapchain_;
    HeadPicture picture_;  // sized with the swapchain
    vk::raii::CommandPool pool_{nullptr};
    std::vector<vk::raii::CommandBuffer> commands_;
    std::vector<vk::raii::Semaphore> imageAvailable_;
    std::vector<vk::raii::Fence> inFlight_;
    std::uint32_t frame_ = 0;
    bool outOfDate_ = false;
};

}  // namespace pinpoint::render
