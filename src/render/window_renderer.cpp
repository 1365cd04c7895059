#include "render/window_renderer.h"

#include "render/surface_data.h"

#include <algorithm>

namespace pinpoint::render {

namespace {

core::Error windowError(const std::string& what) { return core::Error{"", 0, 0, "the window cannot be drawn: " + what, ""}; }

// The window image with the head already in it (copied in: eTransferDstOptimal; drawn straight in:
// eColorAttachmentOptimal); the interface is drawn over it and the image is presented. The two
// are compatible (only layouts and stages differ), so ImGui's pipeline serves either.
vk::raii::RenderPass createOverlayRenderPass(const Context& context, vk::Format colour, bool afterCopy) {
    using L = vk::ImageLayout;
    using S = vk::PipelineStageFlagBits;
    using A = vk::AccessFlagBits;
    const vk::AttachmentDescription attachment({}, colour, vk::SampleCountFlagBits::e1, vk::AttachmentLoadOp::eLoad,
                                               vk::AttachmentStoreOp::eStore, vk::AttachmentLoadOp::eDontCare,
                                               vk::AttachmentStoreOp::eDontCare,
                                               afterCopy ? L::eTransferDstOptimal : L::eColorAttachmentOptimal,
                                               L::ePresentSrcKHR);
    const vk::AttachmentReference reference(0, L::eColorAttachmentOptimal);
    const vk::SubpassDescription subpass({}, vk::PipelineBindPoint::eGraphics, {}, reference);
    const std::array<vk::SubpassDependency, 2> dependencies = {
        vk::SubpassDependency(VK_SUBPASS_EXTERNAL, 0, afterCopy ? S::eTransfer : S::eColorAttachmentOutput,
                              S::eColorAttachmentOutput,
                              afterCopy ? A::eTransferWrite : A::eColorAttachmentWrite,
                              A::eColorAttachmentRead | A::eColorAttachmentWrite),
        vk::SubpassDependency(0, VK_SUBPASS_EXTERNAL, S::eColorAttachmentOutput, S::eBottomOfPipe,
                              A::eColorAttachmentWrite, {}),
    };
    return vk::raii::RenderPass(context.device(), vk::RenderPassCreateInfo({}, attachment, subpass, dependencies));
}

}  // namespace

bool keepsPicture(KeptPicture choice, vk::PhysicalDeviceType device) {
    switch (choice) {
    case KeptPicture::On: return true;
    case KeptPicture::Off: return false;
    default: return device == vk::PhysicalDeviceType::eCpu;
    }
}

std::optional<KeptPicture> keptPictureNamed(const std::string& name) {
    if (name == "auto") return KeptPicture::Auto;
    if (name == "on") return KeptPicture::On;
    if (name == "off") return KeptPicture::Off;
    return std::nullopt;
}

bool needsNewSwapchain(bool outOfDate, vk::Extent2D asked, vk::Extent2D askedAtLastBuild) {
    return outOfDate || asked != askedAtLastBuild;
}

core::Result<std::unique_ptr<WindowRenderer>> WindowRenderer::create(const Context& context,
                                                                     vk::raii::SurfaceKHR surface,
                                                                     const HeadSurface& head,
                                                                     vk::Extent2D framebufferSize,
                                                                     const WindowRendererOptions& options) {
    if (head.mesh == nullptr || head.mesh->triangleCount() == 0) return windowError("there is no surface to draw");
    try {
        const std::uint32_t wanted = options.samples == 0 ? context.interactiveSamples() : options.samples;
        SwapchainFormat format =
            chooseSwapchainFormat(context, *surface, context.supportedSamples(sampleCountFor(wanted)), options.vsync);
        const bool keep = render::keepsPicture(options.keptPicture, context.info().type);
        format.copiedInto = keep;
        return std::unique_ptr<WindowRenderer>(
            new WindowRenderer(context, std::move(surface), head, format, framebufferSize, keep));
    } catch (const vk::SystemError& e) {
        return windowError(e.what());
    } catch (const RenderError& e) {
        return windowError(e.what());
    }
}

WindowRenderer::WindowRenderer(const Context& context, vk::raii::SurfaceKHR surface, const HeadSurface& head,
                               const SwapchainFormat& format, vk::Extent2D size, bool keep)
    : context_(&context),
      surface_(std::move(surface)),
      format_(format),
      overlayPass_(createOverlayRenderPass(context, format.target.colour, keep)),
      gpuSurface_(context, head),
      swapchain_(std::make_unique<Swapchain>(context, *surface_, format_, *overlayPass_, size, nullptr)),
      asked_(size),
      // Vulkan does not promise that a presented image comes back as it was; lavapipe's X11
      // presentation does (the window test checks it), so only a CPU device keeps what was drawn.
      partialWindow_(keep && context.info().type == vk::PhysicalDeviceType::eCpu) {
    forgetWindowImages();
    if (keep) {
        picture_ = std::make_unique<HeadPicture>(context, gpuSurface_, format.target, swapchain_->extent(), false,
                                                 kFramesInFlight, longestEdgeMm(*head.mesh));
    } else {
        headPass_ = createSurfaceRenderPass(context, format.target, vk::ImageLayout::eColorAttachmentOptimal);
        direct_ = std::make_unique<SceneDrawer>(context, gpuSurface_, *headPass_, format.target.samples, kFramesInFlight);
        directTarget_ = std::make_unique<DirectTarget>(context, format.target, *headPass_, *swapchain_);
    }
    pool_ = vk::raii::CommandPool(
        context.device(),
        vk::CommandPoolCreateInfo(vk::CommandPoolCreateFlagBits::eResetCommandBuffer, context.queueFamily()));
    vk::raii::CommandBuffers buffers(
        context.device(), vk::CommandBufferAllocateInfo(*pool_, vk::CommandBufferLevel::ePrimary, kFramesInFlight));
    for (vk::raii::CommandBuffer& b : buffers) commands_.push_back(std::move(b));
    for (std::uint32_t i = 0; i < kFramesInFlight; ++i) {
        imageAvailable_.emplace_back(context.device(), vk::SemaphoreCreateInfo());
        inFlight_.emplace_back(context.device(), vk::FenceCreateInfo(vk::FenceCreateFlagBits::eSignaled));
    }
}

WindowRenderer::~WindowRenderer() { waitIdle(); }

void WindowRenderer::waitIdle() const { context_->device().waitIdle(); }

void WindowRenderer::recreate(vk::Extent2D size) {
    waitIdle();
    directTarget_.reset();  // its framebuffers name the old swapchain's images
    swapchain_ = std::make_unique<Swapchain>(*context_, *surface_, format_, *overlayPass_, size, swapchain_.get());
    asked_ = size;
    forgetWindowImages();
    if (picture_) picture_->resize(swapchain_->extent());
    else directTarget_ = std::make_unique<DirectTarget>(*context_, format_.target, *headPass_, *swapchain_);
    outOfDate_ = false;
    ++rebuilds_;
}

void WindowRenderer::forgetWindowImages() {
    const vk::Extent2D extent = swapchain_->extent();
    imageDamage_.reset(swapchain_->imageCount(), static_cast<int>(extent.width), static_cast<int>(extent.height));
}

void WindowRenderer::waitForFrameSlot() const {
    if (context_->device().waitForFences(*inFlight_[frame_], VK_TRUE, UINT64_MAX) != vk::Result::eSuccess)
        throw RenderError("waiting for a frame failed");
}

FrameResult WindowRenderer::drawFrame(const Scene& scene, vk::Extent2D size, WindowOverlay* overlay) {
    densityChanges_.note(scene);  // kept until a frame is drawn, whatever happens to this one
    if (size.width == 0 || size.height == 0) return FrameResult::Minimised;
    try {
        if (needsNewSwapchain(outOfDate_, size, asked_)) recreate(size);
        const vk::raii::Device& device = context_->device();
        waitForFrameSlot();
        std::uint32_t image = 0;
        {
            const vk::SwapchainKHR swapchain = swapchain_->handle();
            const VkResult r = vkAcquireNextImageKHR(*device, swapchain, UINT64_MAX,
                                                     static_cast<VkSemaphore>(*imageAvailable_[frame_]), VK_NULL_HANDLE,
                                                     &image);
            if (r == VK_ERROR_OUT_OF_DATE_KHR) {
                outOfDate_ = true;
                return FrameResult::Skipped;
            }
            if (r == VK_SUBOPTIMAL_KHR) outOfDate_ = true;
            else if (r != VK_SUCCESS) throw RenderError("acquiring a swapchain image failed (" + std::to_string(r) + ")");
        }
        // The copy writes the window image first; drawn straight in, the head's pass does.
        const vk::PipelineStageFlags waitStage =
            picture_ ? vk::PipelineStageFlagBits::eTransfer : vk::PipelineStageFlagBits::eColorAttachmentOutput;
        const vk::Semaphore wait = *imageAvailable_[frame_];
        const vk::raii::CommandBuffer& cmd = commands_[frame_];
        try {
            record(cmd, densityChanges_.pending(scene), image, overlay);
        } catch (...) {
            // Nothing to present: an empty submission consumes the acquire's semaphore and signals the
            // fence, so the next frame neither waits forever nor reuses a signalled semaphore; the
            // image acquired goes back with the swapchain, rebuilt next frame.
            device.resetFences(*inFlight_[frame_]);
            context_->queue().submit(vk::SubmitInfo(wait, waitStage, {}, {}), *inFlight_[frame_]);
            outOfDate_ = true;
            throw;
        }
        densityChanges_.clear();  // the frame's buffers and picture have taken them in

        const vk::Semaphore signal = swapchain_->renderFinished(image);
        const vk::CommandBuffer handle = *cmd;
        // Reset only now: had recording thrown, the next wait on this fence would never return.
        device.resetFences(*inFlight_[frame_]);
        context_->queue().submit(vk::SubmitInfo(wait, waitStage, handle, signal), *inFlight_[frame_]);

        const vk::SwapchainKHR swapchain = swapchain_->handle();
        const VkSemaphore signalRaw = static_cast<VkSemaphore>(signal);
        const VkSwapchainKHR swapchainRaw = static_cast<VkSwapchainKHR>(swapchain);
        VkPresentInfoKHR present{};
        present.sType = VK_STRUCTURE_TYPE_PRESENT_INFO_KHR;
        present.waitSemaphoreCount = 1;
        present.pWaitSemaphores = &signalRaw;
        present.swapchainCount = 1;
        present.pSwapchains = &swapchainRaw;
        present.pImageIndices = &image;
        const VkResult r = vkQueuePresentKHR(static_cast<VkQueue>(*context_->queue()), &present);
        if (r == VK_ERROR_OUT_OF_DATE_KHR || r == VK_SUBOPTIMAL_KHR) outOfDate_ = true;
        else if (r != VK_SUCCESS) throw RenderError("presenting failed (" + std::to_string(r) + ")");
        frame_ = (frame_ + 1) % kFramesInFlight;
        return FrameResult::Drawn;
    } catch (const vk::OutOfDateKHRError&) {
        outOfDate_ = true;
        return FrameResult::Skipped;
    }
}

void WindowRenderer::record(const vk::raii::CommandBuffer& cmd, const Scene& scene, std::uint32_t image,
                            WindowOverlay* overlay) {
    cmd.reset();
    cmd.begin(vk::CommandBufferBeginInfo(vk::CommandBufferUsageFlagBits::eOneTimeSubmit));
    const vk::Extent2D extent = swapchain_->extent();
    const int width = static_cast<int>(extent.width), height = static_cast<int>(extent.height);
    PixelRegions changed = overlay ? overlay->changedPixels() : PixelRegions{};
    PixelRegions drawn = PixelRegions::all(width, height);
    if (picture_) {
        changed.add(picture_->record(cmd, scene, frame_, true));
        // Only what this image lacks: the rest of it already shows the head and the interface.
        if (partialWindow_) drawn = imageDamage_.take(image, changed);
        recordCopyToWindow(cmd, image, drawn);
    } else {
        recordDirect(cmd, scene, image);
    }
    windowPixels_ += drawn.pixels();
    if (!drawn.empty()) {
        const PixelRect box = drawn.bounds();
        const vk::RenderPassBeginInfo begin(
            *overlayPass_, swapchain_->framebuffer(image),
            vk::Rect2D({box.x0, box.y0}, {static_cast<std::uint32_t>(box.x1 - box.x0), static_cast<std::uint32_t>(box.y1 - box.y0)}));
        cmd.beginRenderPass(begin, vk::SubpassContents::eInline);
        if (overlay) overlay->record(cmd, drawn);
        cmd.endRenderPass();
    }
    if (captureNext_) recordCapture(cmd, image);
    cmd.end();
}

void WindowRenderer::recordDirect(const vk::raii::CommandBuffer& cmd, const Scene& scene, std::uint32_t image) {
    const vk::Extent2D extent = swapchain_->extent();
    const std::array<vk::ClearValue, 3> clears = clearValues(scene);
    const bool msaa = format_.target.samples != vk::SampleCountFlagBits::e1;
    const vk::RenderPassBeginInfo begin(*headPass_, directTarget_->framebuffer(image), vk::Rect2D({0, 0}, extent),
                                        vk::ArrayProxyNoTemporaries<const vk::ClearValue>(msaa ? 3u : 2u, clears.data()));
    cmd.beginRenderPass(begin, vk::SubpassContents::eInline);
    direct_->record(cmd, scene, sceneTriangles(scene), extent, frame_);
    cmd.endRenderPass();
    directPixels_ += std::uint64_t{extent.width} * extent.height;
    ++directFrames_;
}

void WindowRenderer::recordCopyToWindow(const vk::raii::CommandBuffer& cmd, std::uint32_t image,
                                        const PixelRegions& regions) {
    if (regions.empty()) return;  // the image shows this frame already (and stays ePresentSrcKHR)
    const vk::Extent2D extent = swapchain_->extent();
    // Kept as it was outside the regions, unless the regions are the whole image.
    const bool whole = regions.covers(PixelRect{0, 0, static_cast<int>(extent.width), static_cast<int>(extent.height)});
    const vk::ImageSubresourceRange colour(vk::ImageAspectFlagBits::eColor, 0, 1, 0, 1);
    const vk::ImageMemoryBarrier toCopy({}, vk::AccessFlagBits::eTransferWrite,
                                        whole ? vk::ImageLayout::eUndefined : vk::ImageLayout::ePresentSrcKHR,
                                        vk::ImageLayout::eTransferDstOptimal, VK_QUEUE_FAMILY_IGNORED,
                                        VK_QUEUE_FAMILY_IGNORED, swapchain_->image(image), colour);
    cmd.pipelineBarrier(vk::PipelineStageFlagBits::eTransfer, vk::PipelineStageFlagBits::eTransfer, {}, {}, {}, toCopy);
    const vk::ImageSubresourceLayers layers(vk::ImageAspectFlagBits::eColor, 0, 0, 1);
    std::vector<vk::ImageCopy> copies;
    for (const PixelRect& r : regions.rects())
        copies.emplace_back(layers, vk::Offset3D(r.x0, r.y0, 0), layers, vk::Offset3D(r.x0, r.y0, 0),
                            vk::Extent3D(static_cast<std::uint32_t>(r.x1 - r.x0), static_cast<std::uint32_t>(r.y1 - r.y0), 1));
    cmd.copyImage(picture_->target().image(), vk::ImageLayout::eTransferSrcOptimal, swapchain_->image(image),
                  vk::ImageLayout::eTransferDstOptimal, copies);
}

void WindowRenderer::recordCapture(const vk::raii::CommandBuffer& cmd, std::uint32_t image) {
    captureNext_ = false;
    if (!swapchain_->readable()) return;
    const vk::Extent2D extent = swapchain_->extent();
    capture_.emplace(*context_, vk::DeviceSize{extent.width} * extent.height * 4, vk::BufferUsageFlagBits::eTransferDst,
                     vk::MemoryPropertyFlagBits::eHostVisible);
    captureExtent_ = extent;
    using L = vk::ImageLayout;
    using S = vk::PipelineStageFlagBits;
    const vk::ImageSubresourceRange colour(vk::ImageAspectFlagBits::eColor, 0, 1, 0, 1);
    const vk::ImageMemoryBarrier toRead(vk::AccessFlagBits::eColorAttachmentWrite, vk::AccessFlagBits::eTransferRead,
                                        L::ePresentSrcKHR, L::eTransferSrcOptimal, VK_QUEUE_FAMILY_IGNORED,
                                        VK_QUEUE_FAMILY_IGNORED, swapchain_->image(image), colour);
    cmd.pipelineBarrier(S::eAllCommands, S::eTransfer, {}, {}, {}, toRead);
    const vk::BufferImageCopy region(0, 0, 0, vk::ImageSubresourceLayers(vk::ImageAspectFlagBits::eColor, 0, 0, 1),
                                     {0, 0, 0}, vk::Extent3D(extent, 1));
    cmd.copyImageToBuffer(swapchain_->image(image), L::eTransferSrcOptimal, capture_->handle(), region);
    const vk::ImageMemoryBarrier toPresent(vk::AccessFlagBits::eTransferRead, {}, L::eTransferSrcOptimal,
                                           L::ePresentSrcKHR, VK_QUEUE_FAMILY_IGNORED, VK_QUEUE_FAMILY_IGNORED,
                                           swapchain_->image(image), colour);
    const vk::BufferMemoryBarrier toHost(vk::AccessFlagBits::eTransferWrite, vk::AccessFlagBits::eHostRead,
                                         VK_QUEUE_FAMILY_IGNORED, VK_QUEUE_FAMILY_IGNORED, capture_->handle(), 0,
                                         VK_WHOLE_SIZE);
    cmd.pipelineBarrier(S::eTransfer, S::eBottomOfPipe | S::eHost, {}, {}, toHost, toPresent);
}

Picture WindowRenderer::captured() {
    Picture p;
    if (!capture_) return p;
    waitIdle();
    p.width = captureExtent_.width;
    p.height = captureExtent_.height;
    p.rgba.resize(std::size_t{p.width} * p.height * 4);
    const std::byte* bytes = capture_->read();
    const bool bgra = format_.target.colour == vk::Format::eB8G8R8A8Srgb || format_.target.colour == vk::Format::eB8G8R8A8Unorm;
    for (std::size_t i = 0; i < p.rgba.size(); i += 4)
        for (std::size_t c = 0; c < 4; ++c) {
            const std::size_t from = bgra && c < 3 ? 2 - c : c;
            p.rgba[i + c] = static_cast<std::uint8_t>(bytes[i + from]);
        }
    capture_.reset();
    return p;
}

}  // namespace pinpoint::render
