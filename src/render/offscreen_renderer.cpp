#include "render/offscreen_renderer.h"

#include "render/surface_data.h"

namespace pinpoint::render {

namespace {

core::Error renderError(const std::string& what) {
    return core::Error{"", 0, 0, "rendering failed: " + what, ""};
}

}  // namespace

core::Result<std::unique_ptr<OffscreenRenderer>> OffscreenRenderer::create(const Context& context,
                                                                           const HeadSurface& surface,
                                                                           const OffscreenOptions& options) {
    const vk::PhysicalDeviceLimits limits = context.physicalDevice().getProperties().limits;
    const std::uint32_t maxSize = std::min({limits.maxImageDimension2D, limits.maxFramebufferWidth,
                                            limits.maxFramebufferHeight});
    if (options.width == 0 || options.height == 0 || options.width > maxSize || options.height > maxSize)
        return core::Error{"", 0, 0,
                           "image size " + std::to_string(options.width) + "x" + std::to_string(options.height) +
                               " is not possible on " + context.info().name,
                           "each side must be 1 to " + std::to_string(maxSize) + " pixels"};
    if (surface.mesh == nullptr || surface.mesh->triangleCount() == 0)
        return core::Error{"", 0, 0, "there is no surface to draw", ""};
    try {
        TargetFormat format;
        format.depth = pickDepthFormat(context);
        format.samples = context.supportedSamples(sampleCountFor(options.samples));
        return std::unique_ptr<OffscreenRenderer>(new OffscreenRenderer(context, surface, options, format));
    } catch (const vk::SystemError& e) {
        return renderError(e.what());
    } catch (const RenderError& e) {
        return renderError(e.what());
    }
}

OffscreenRenderer::OffscreenRenderer(const Context& context, const HeadSurface& surface,
                                     const OffscreenOptions& options, const TargetFormat& format)
    : context_(&context),
      surface_(context, surface),
      picture_(context, surface_, format, vk::Extent2D(options.width, options.height), true, 1,
               longestEdgeMm(*surface.mesh)),
      keep_(options.keepPicture) {
    pool_ = vk::raii::CommandPool(
        context.device(),
        vk::CommandPoolCreateInfo(vk::CommandPoolCreateFlagBits::eResetCommandBuffer, context.queueFamily()));
    vk::raii::CommandBuffers buffers(context.device(),
                                     vk::CommandBufferAllocateInfo(*pool_, vk::CommandBufferLevel::ePrimary, 1));
    commands_ = std::move(buffers[0]);
    fence_ = vk::raii::Fence(context.device(), vk::FenceCreateInfo());
}

void OffscreenRenderer::submit(const Scene& scene, bool readBack) {
    commands_.reset();
    commands_.begin(vk::CommandBufferBeginInfo(vk::CommandBufferUsageFlagBits::eOneTimeSubmit));
    picture_.record(commands_, scene, 0, keep_);
    if (readBack) picture_.target().recordReadback(commands_);
    commands_.end();

    const vk::CommandBuffer handle = *commands_;
    context_->queue().submit(vk::SubmitInfo({}, {}, handle), *fence_);
    if (context_->device().waitForFences(*fence_, VK_TRUE, UINT64_MAX) != vk::Result::eSuccess)
        throw RenderError("waiting for the frame failed");
    context_->device().resetFences(*fence_);
}

core::Result<Picture> OffscreenRenderer::render(const Scene& scene) {
    try {
        submit(scene, true);
        return picture_.target().pixels();
    } catch (const vk::SystemError& e) {
        return renderError(e.what());
    } catch (const RenderError& e) {
        return renderError(e.what());
    }
}

core::Result<bool> OffscreenRenderer::draw(const Scene& scene) {
    try {
        submit(scene, false);
        return true;
    } catch (const vk::SystemError& e) {
        return renderError(e.what());
    } catch (const RenderError& e) {
        return renderError(e.what());
    }
}

}  // namespace pinpoint::render
