#pragma once
// Draws frames into a window, in one of two ways, with the same scene drawing (SceneDrawer):
// - Kept picture (on a CPU driver such as lavapipe, where every shaded pixel costs): the head and
//   the tool go into a picture the renderer keeps between frames, redrawing only the pixels that
//   changed (FrameDamage): while the trainee needles with the camera still, that is the tool's old
//   and new place and the skin around new punctures. The picture is copied into the swapchain image
//   and the caller's overlay (the ImGui layer) is drawn on top in a second render pass. On a CPU
//   device both happen only where the image acquired lacks something: what changed in the head's
//   picture or the interface since that image was last drawn (ImageDamage), the rest of the image
//   being kept as it was (forced onto a GPU, the kept picture is copied in whole every frame).
// - Direct (on a GPU, where a partial redraw saves nothing and the copy costs): the head is drawn
//   whole every frame, multisampled, resolving straight into the swapchain image; the interface
//   goes on top in a second render pass.
// The swapchain follows the window's size (rebuilt when the size asked for changes or the surface
// says it is out of date; nothing is drawn while the window is minimised). Two frames in flight,
// each with its own uniforms, density and tool buffers. No density change is lost: what a frame
// that is not drawn brought goes with the next one drawn (DensityChanges). Knows nothing of the
// windowing library: the caller creates the VkSurfaceKHR and reports the framebuffer size.
#include "render/density_changes.h"
#include "render/direct_target.h"
#include "render/head_picture.h"
#include "render/pixel_regions.h"
#include "render/swapchain.h"

#include <memory>
#include <optional>

namespace pinpoint::render {

inline constexpr std::uint32_t kFramesInFlight = 2;

enum class FrameResult { Drawn, Minimised, Skipped };

// What the caller draws over the head (the interface), in the window's overlay render pass.
class WindowOverlay {
public:
    virtual ~WindowOverlay() = default;
    // The framebuffer pixels where this frame's overlay differs from the last one recorded (the
    // whole picture when unknown); called once for each frame recorded, before `record`.
    virtual PixelRegions changedPixels() = 0;
    // Records the overlay, drawing only within `within` (framebuffer pixels): the window image keeps
    // the last frame's overlay outside them.
    virtual void record(const vk::raii::CommandBuffer& cmd, const PixelRegions& within) = 0;
};

// Whether the window keeps its picture between frames: Auto keeps it on a CPU device only.
enum class KeptPicture { Auto, On, Off };
bool keepsPicture(KeptPicture choice, vk::PhysicalDeviceType device);
// "auto", "on", "off"; nullopt for anything else.
std::optional<KeptPicture> keptPictureNamed(const std::string& name);

// Whether a frame must build a new swapchain: the surface said the old one is out of date, or the
// window's framebuffer size differs from the size asked for when it was built. Not the swapchain's
// own extent: the surface may clamp or fix that, and a size that never matches would rebuild the
// swapchain every frame.
bool needsNewSwapchain(bool outOfDate, vk::Extent2D asked, vk::Extent2D askedAtLastBuild);

struct WindowRendererOptions {
    bool vsync = true;
    std::uint32_t samples = 0;  // 0: what the device affords interactively (1 on a CPU driver, else 4)
    KeptPicture keptPicture = KeptPicture::Auto;
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

    // Waits until the next frame's buffers are free (the frame two back has finished). Called before
    // reading the input, so the frame drawn next shows the hand where it is, not where it was a frame
    // ago; drawFrame then does not wait again.
    void waitForFrameSlot() const;
    // Draws and presents one frame at the window's current framebuffer size.
    FrameResult drawFrame(const Scene& scene, vk::Extent2D framebufferSize, WindowOverlay* overlay = nullptr);
    void waitIdle() const;

    // The render pass and samples for what the caller draws on top (the interface).
    vk::RenderPass overlayRenderPass() const { return *overlayPass_; }
    vk::SampleCountFlagBits overlaySamples() const { return vk::SampleCountFlagBits::e1; }
    vk::SampleCountFlagBits samples() const { return format_.target.samples; }  // the head's
    bool keepsPicture() const { return picture_ != nullptr; }
    std::uint32_t minImageCount() const { return format_.minImageCount; }
    std::uint32_t imageCount() const { return swapchain_->imageCount(); }
    vk::Extent2D extent() const { return swapchain_->extent(); }
    std::size_t densityBytesUploaded() const { return surfaceRenderer().densityBytesUploaded(); }
    std::uint64_t drawnIndices() const { return surfaceRenderer().drawnIndices(); }
    // Pixels of the window image brought up to date so far (the head copied in, the interface drawn).
    std::uint64_t windowPixelsDrawn() const { return windowPixels_; }
    // Pixels of the head's picture redrawn so far, and frames that redrew all of it.
    std::uint64_t redrawnPixels() const { return picture_ ? picture_->redrawnPixels() : directPixels_; }
    std::uint64_t wholeRedraws() const { return picture_ ? picture_->wholeRedraws() : directFrames_; }
    // Swapchains built since the first (resizes, out-of-date surfaces).
    std::uint64_t swapchainRebuilds() const { return rebuilds_; }

    // For tests: the next frame drawn also copies the finished window image (interface included)
    // out; `captured` waits for it. Empty when the surface's images cannot be copied out.
    void captureNextFrame() { captureNext_ = true; }
    Picture captured();

private:
    WindowRenderer(const Context& context, vk::raii::SurfaceKHR surface, const HeadSurface& head,
                   const SwapchainFormat& format, vk::Extent2D size, bool keep);
    const SurfaceRenderer& surfaceRenderer() const {
        return picture_ ? picture_->surfaceRenderer() : direct_->surfaceRenderer();
    }
    void recreate(vk::Extent2D size);
    void forgetWindowImages();  // a new swapchain: every image lacks the whole picture
    void record(const vk::raii::CommandBuffer& cmd, const Scene& scene, std::uint32_t image, WindowOverlay* overlay);
    void recordCopyToWindow(const vk::raii::CommandBuffer& cmd, std::uint32_t image, const PixelRegions& regions);
    void recordDirect(const vk::raii::CommandBuffer& cmd, const Scene& scene, std::uint32_t image);
    void recordCapture(const vk::raii::CommandBuffer& cmd, std::uint32_t image);

    const Context* context_;
    vk::raii::SurfaceKHR surface_;
    SwapchainFormat format_;
    vk::raii::RenderPass headPass_{nullptr};  // direct: the head into the window image
    vk::raii::RenderPass overlayPass_;        // the window image: the interface on top, then presented
    GpuSurface gpuSurface_;
    std::unique_ptr<Swapchain> swapchain_;
    vk::Extent2D asked_;                      // the framebuffer size the swapchain was built for
    std::unique_ptr<HeadPicture> picture_;    // kept picture: sized with the swapchain
    std::unique_ptr<SceneDrawer> direct_;     // direct: draws into direct targets
    std::unique_ptr<DirectTarget> directTarget_;
    DensityChanges densityChanges_;
    ImageDamage imageDamage_;                 // kept picture: what each window image lacks
    vk::raii::CommandPool pool_{nullptr};
    std::vector<vk::raii::CommandBuffer> commands_;
    std::vector<vk::raii::Semaphore> imageAvailable_;
    std::vector<vk::raii::Fence> inFlight_;
    std::uint32_t frame_ = 0;
    bool partialWindow_;  // the window image brought up to date only where it lacks something
    bool outOfDate_ = false;
    std::uint64_t rebuilds_ = 0;
    std::uint64_t directPixels_ = 0, directFrames_ = 0, windowPixels_ = 0;
    bool captureNext_ = false;
    std::optional<Buffer> capture_;
    vk::Extent2D captureExtent_;
};

}  // namespace pinpoint::render
