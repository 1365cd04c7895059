#include "render/frame_target.h"

#include <cstring>

namespace pinpoint::render {

std::array<vk::ClearValue, 3> clearValues(const Scene& scene) {
    return {
        vk::ClearColorValue(std::array<float, 4>{scene.background.x, scene.background.y, scene.background.z,
                                                 scene.background.w}),
        vk::ClearDepthStencilValue(1.0f, 0),
        vk::ClearColorValue(std::array<float, 4>{0.0f, 0.0f, 0.0f, 0.0f}),
    };
}

namespace {

bool multisampled(const TargetFormat& f) { return f.samples != vk::SampleCountFlagBits::e1; }

}  // namespace

vk::ImageAspectFlags depthAspect(vk::Format f) {
    return f == vk::Format::eD24UnormS8Uint ? vk::ImageAspectFlagBits::eDepth | vk::ImageAspectFlagBits::eStencil
                                            : vk::ImageAspectFlagBits::eDepth;
}

vk::Format pickDepthFormat(const Context& context) {
    for (vk::Format f : {vk::Format::eD32Sfloat, vk::Format::eD24UnormS8Uint, vk::Format::eD16Unorm}) {
        const vk::FormatProperties props = context.physicalDevice().getFormatProperties(f);
        if (props.optimalTilingFeatures & vk::FormatFeatureFlagBits::eDepthStencilAttachment) return f;
    }
    throw RenderError("the Vulkan device offers no depth buffer format");
}

vk::raii::RenderPass createSurfaceRenderPass(const Context& context, const TargetFormat& format,
                                             vk::ImageLayout finalLayout, vk::ImageLayout initialLayout) {
    const bool msaa = multisampled(format);
    using L = vk::ImageLayout;
    std::vector<vk::AttachmentDescription> attachments;
    attachments.emplace_back(vk::AttachmentDescriptionFlags{}, format.colour, format.samples,
                             vk::AttachmentLoadOp::eClear,
                             msaa ? vk::AttachmentStoreOp::eDontCare : vk::AttachmentStoreOp::eStore,
                             vk::AttachmentLoadOp::eDontCare, vk::AttachmentStoreOp::eDontCare,
                             msaa ? L::eUndefined : initialLayout, msaa ? L::eColorAttachmentOptimal : finalLayout);
    attachments.emplace_back(vk::AttachmentDescriptionFlags{}, format.depth, format.samples,
                             vk::AttachmentLoadOp::eClear, vk::AttachmentStoreOp::eDontCare,
                             vk::AttachmentLoadOp::eDontCare, vk::AttachmentStoreOp::eDontCare, L::eUndefined,
                             L::eDepthStencilAttachmentOptimal);
    if (msaa)
        attachments.emplace_back(vk::AttachmentDescriptionFlags{}, format.colour, vk::SampleCountFlagBits::e1,
                                 vk::AttachmentLoadOp::eDontCare, vk::AttachmentStoreOp::eStore,
                                 vk::AttachmentLoadOp::eDontCare, vk::AttachmentStoreOp::eDontCare, initialLayout,
                                 finalLayout);

    const vk::AttachmentReference colour(0, L::eColorAttachmentOptimal);
    const vk::AttachmentReference depth(1, L::eDepthStencilAttachmentOptimal);
    const vk::AttachmentReference resolve(2, L::eColorAttachmentOptimal);
    const vk::SubpassDescription subpass({}, vk::PipelineBindPoint::eGraphics, {}, colour,
                                         msaa ? vk::ArrayProxyNoTemporaries<const vk::AttachmentReference>(resolve)
                                              : vk::ArrayProxyNoTemporaries<const vk::AttachmentReference>(),
                                         &depth, {});

    using S = vk::PipelineStageFlagBits;
    using A = vk::AccessFlagBits;
    const vk::PipelineStageFlags attachmentStages =
        S::eColorAttachmentOutput | S::eEarlyFragmentTests | S::eLateFragmentTests;
    const vk::AccessFlags attachmentWrites = A::eColorAttachmentWrite | A::eDepthStencilAttachmentWrite;
    const bool readBack = finalLayout == L::eTransferSrcOptimal;
    const std::array<vk::SubpassDependency, 2> dependencies = {
        // The previous frame's use of the attachments (and its read-back) before this frame writes them.
        vk::SubpassDependency(VK_SUBPASS_EXTERNAL, 0, attachmentStages | S::eTransfer, attachmentStages,
                              attachmentWrites | A::eTransferRead, attachmentWrites | A::eColorAttachmentRead),
        // The finished colour before it is copied out (or presented).
        vk::SubpassDependency(0, VK_SUBPASS_EXTERNAL, S::eColorAttachmentOutput,
                              readBack ? S::eTransfer : S::eBottomOfPipe, A::eColorAttachmentWrite,
                              readBack ? A::eTransferRead : vk::AccessFlags{}),
    };
    return vk::raii::RenderPass(context.device(),
                                vk::RenderPassCreateInfo({}, attachments, subpass, dependencies));
}

OffscreenTarget::OffscreenTarget(const Context& context, vk::Extent2D extent, const TargetFormat& format, bool readable)
    : extent_(extent),
      format_(format),
      depth_(context, extent, format.depth, format.samples, vk::ImageUsageFlagBits::eDepthStencilAttachment,
             depthAspect(format.depth)),
      resolved_(context, extent, format.colour, vk::SampleCountFlagBits::e1,
                vk::ImageUsageFlagBits::eColorAttachment | vk::ImageUsageFlagBits::eTransferSrc,
                vk::ImageAspectFlagBits::eColor) {
    if (readable)
        readback_.emplace(context, vk::DeviceSize{extent.width} * extent.height * 4, vk::BufferUsageFlagBits::eTransferDst,
                          vk::MemoryPropertyFlagBits::eHostVisible);
    renderPass_ = createSurfaceRenderPass(context, format, vk::ImageLayout::eTransferSrcOptimal);
    std::vector<vk::ImageView> views;
    if (multisampled(format)) {
        multisampled_.emplace(context, extent, format.colour, format.samples,
                              vk::ImageUsageFlagBits::eColorAttachment | vk::ImageUsageFlagBits::eTransientAttachment,
                              vk::ImageAspectFlagBits::eColor);
        views = {multisampled_->view(), depth_.view(), resolved_.view()};
    } else {
        views = {resolved_.view(), depth_.view()};
    }
    framebuffer_ = vk::raii::Framebuffer(
        context.device(), vk::FramebufferCreateInfo({}, *renderPass_, views, extent.width, extent.height, 1));
}

void OffscreenTarget::recordReadback(const vk::raii::CommandBuffer& cmd) const {
    const vk::BufferImageCopy region(0, 0, 0, vk::ImageSubresourceLayers(vk::ImageAspectFlagBits::eColor, 0, 0, 1),
                                     {0, 0, 0}, vk::Extent3D(extent_, 1));
    cmd.copyImageToBuffer(resolved_.handle(), vk::ImageLayout::eTransferSrcOptimal, readback_.value().handle(), region);
    const vk::BufferMemoryBarrier toHost(vk::AccessFlagBits::eTransferWrite, vk::AccessFlagBits::eHostRead,
                                         VK_QUEUE_FAMILY_IGNORED, VK_QUEUE_FAMILY_IGNORED, readback_.value().handle(), 0,
                                         VK_WHOLE_SIZE);
    cmd.pipelineBarrier(vk::PipelineStageFlagBits::eTransfer, vk::PipelineStageFlagBits::eHost, {}, {}, toHost, {});
}

Picture OffscreenTarget::pixels() {
    Picture p;
    p.width = extent_.width;
    p.height = extent_.height;
    p.rgba.resize(std::size_t{p.width} * p.height * 4);
    std::memcpy(p.rgba.data(), readback_.value().read(), p.rgba.size());
    return p;
}

}  // namespace pinpoint::render
