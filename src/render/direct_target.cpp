#include "render/direct_target.h"

namespace pinpoint::render {

DirectTarget::DirectTarget(const Context& context, const TargetFormat& format, vk::RenderPass renderPass,
                           const Swapchain& swapchain)
    : depth_(context, swapchain.extent(), format.depth, format.samples, vk::ImageUsageFlagBits::eDepthStencilAttachment,
             depthAspect(format.depth)) {
    const vk::Extent2D extent = swapchain.extent();
    const bool msaa = format.samples != vk::SampleCountFlagBits::e1;
    if (msaa)
        multisampled_.emplace(context, extent, format.colour, format.samples,
                              vk::ImageUsageFlagBits::eColorAttachment | vk::ImageUsageFlagBits::eTransientAttachment,
                              vk::ImageAspectFlagBits::eColor);
    for (std::uint32_t i = 0; i < swapchain.imageCount(); ++i) {
        const std::vector<vk::ImageView> views =
            msaa ? std::vector<vk::ImageView>{multisampled_->view(), depth_.view(), swapchain.view(i)}
                 : std::vector<vk::ImageView>{swapchain.view(i), depth_.view()};
        framebuffers_.emplace_back(context.device(),
                                   vk::FramebufferCreateInfo({}, renderPass, views, extent.width, extent.height, 1));
    }
}

}  // namespace pinpoint::render
