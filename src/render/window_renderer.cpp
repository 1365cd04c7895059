#include "render/window_renderer.h"

#include "render/surface_data.h"

#include <algorithm>

namespace pinpoint::render {

namespace {

core::Error windowError(const std::string& what) { return core::Error{"", 0, 0, "the window cannot be drawn: " + what, ""}; }

// The window image: the finished picture has just been copied in (eTransferDstOptimal); the
// interface is drawn over it and the image is presented.
vk::raii::RenderPass createOverlayRenderPass(const Context& context, vk::Format colour) {
    using L = vk::ImageLayout;
    using S = vk::PipelineStageFlagBits;
    using A = vk::AccessFlagBits;
    const vk::AttachmentDescription attachment({}, colour, vk::SampleCountFlagBits::e1, vk::AttachmentLoadOp::eLoad,
                                               vk::AttachmentStoreOp::eStore, vk::AttachmentLoadOp::eDontCare,
                                               vk::AttachmentStoreOp::eDontCare, L::eTransferDstOptimal,
                                               L::ePresentSrcKHR);
    const vk::AttachmentReference reference(0, L::eColorAttachmentOptimal);
    const vk::SubpassDescription subpass({}, vk::PipelineBindPoint::eGraphics, {}, reference);
    const std::array<vk::SubpassDependency, 2> dependencies = {
        vk::SubpassDependency(VK_SUBPASS_EXTERNAL, 0, S::eTransfer, S::eColorAttachmentOutput, A::eTransferWrite,
                              A::eColorAttachmentRead | A::eColorAttachmentWrite),
        vk::SubpassDependency(0, VK_SUBPASS_EXTERNAL, S::eColorAttachmentOutput, S::eBottomOfPipe,
                              A::eColorAttachmentWrite, {}),
    };
    return vk::raii::RenderPass(context.device(), vk::RenderPassCreateInfo({}, attachment, subpass, dependencies));
}

}  // namespace

core::Result<std::unique_ptr<WindowRenderer>> WindowRenderer::create(const Context& context,
                                                                     vk::raii::SurfaceKHR surface,
                                                                     const HeadSurface& head,
                                                                     vk::Extent2D framebufferSize,
                                                                     const WindowRendererOptions& options) {
    if (head.mesh == nullptr || head.mesh->triangleCount() == 0) return windowError("there is no surface to draw");
    try {
        const std::uint32_t wanted = options.samples == 0 ? context.interactiveSamples() : options.samples;
        const SwapchainFormat format =
            chooseSwapchainFormat(context, *surface, context.supportedSamples(sampleCountFor(wanted)), options.vsync);
        return std::unique_ptr<WindowRenderer>(
            new WindowRenderer(context, std::move(surface), head, format, framebufferSize));
    } catch (const vk::SystemError& e) {
        return windowError(e.what());
    } catch (const RenderError& e) {
        return windowError(e.what());
    }
}

WindowRenderer::WindowRenderer(const Context& context, vk::raii::SurfaceKHR surface, const HeadSurface& head,
                               const SwapchainFormat& format, vk::Extent2D size)
    : context_(&context),
      surface_(std::move(surface)),
      format_(format),
      overlayPass_(createOverlayRenderPass(context, format.target.colour)),
      gpuSurface_(context, head),
      swapchain_(std::make_unique<Swapchain>(context, *surface_, format_, *overlayPass_, size, nullptr)),
      picture_(context, gpuSurface_, format.target, swapchain_->extent(), false, kFramesInFlight,
               longestEdgeMm(*head.mesh)) {
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
    swapchain_ = std::make_unique<Swapchain>(*context_, *surface_, format_, *overlayPass_, size, swapchain_.get());
    picture_.resize(swapchain_->extent());
    outOfDate_ = false;
}

FrameResult WindowRenderer::drawFrame(const Scene& scene, vk::Extent2D size, const OverlayRecorder& overlay) {
    if (size.width == 0 || size.height == 0) return FrameResult::Minimised;
    try {
        if (outOfDate_ || size != swapchain_->extent()) recreate(size);
        const vk::raii::Device& device = context_->device();
        if (device.waitForFences(*inFlight_[frame_], VK_TRUE, UINT64_MAX) != vk::Result::eSuccess)
            throw RenderError("waiting for a frame failed");
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
        device.resetFences(*inFlight_[frame_]);
        const vk::raii::CommandBuffer& cmd = commands_[frame_];
        record(cmd, scene, image, overlay);

        const vk::PipelineStageFlags waitStage = vk::PipelineStageFlagBits::eTransfer;  // the copy writes it first
        const vk::Semaphore wait = *imageAvailable_[frame_];
        const vk::Semaphore signal = swapchain_->renderFinished(image);
        const vk::CommandBuffer handle = *cmd;
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
                            const OverlayRecorder& overlay) {
    cmd.reset();
    cmd.begin(vk::CommandBufferBeginInfo(vk::CommandBufferUsageFlagBits::eOneTimeSubmit));
    picture_.record(cmd, scene, frame_, true);
    recordCopyToWindow(cmd, image);
    const vk::RenderPassBeginInfo begin(*overlayPass_, swapchain_->framebuffer(image),
                                        vk::Rect2D({0, 0}, swapchain_->extent()));
    cmd.beginRenderPass(begin, vk::SubpassContents::eInline);
    if (overlay) overlay(cmd);
    cmd.endRenderPass();
    cmd.end();
}

void WindowRenderer::recordCopyToWindow(const vk::raii::CommandBuffer& cmd, std::uint32_t image) {
    const vk::ImageSubresourceRange colour(vk::ImageAspectFlagBits::eColor, 0, 1, 0, 1);
    const vk::ImageMemoryBarrier toCopy({}, vk::AccessFlagBits::eTransferWrite, vk::ImageLayout::eUndefined,
                                        vk::ImageLayout::eTransferDstOptimal, VK_QUEUE_FAMILY_IGNORED,
                                        VK_QUEUE_FAMILY_IGNORED, swapchain_->image(image), colour);
    cmd.pipelineBarrier(vk::PipelineStageFlagBits::eTransfer, vk::PipelineStageFlagBits::eTransfer, {}, {}, {}, toCopy);
    const vk::ImageSubresourceLayers layers(vk::ImageAspectFlagBits::eColor, 0, 0, 1);
    const vk::ImageCopy region(layers, {0, 0, 0}, layers, {0, 0, 0}, vk::Extent3D(swapchain_->extent(), 1));
    cmd.copyImage(picture_.target().image(), vk::ImageLayout::eTransferSrcOptimal, swapchain_->image(image),
                  vk::ImageLayout::eTransferDstOptimal, region);
}

}  // namespace pinpoint::render
