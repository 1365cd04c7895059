#include "render/swapchain.h"

#include <algorithm>

namespace pinpoint::render {

SwapchainFormat chooseSwapchainFormat(const Context& context, vk::SurfaceKHR surface, vk::SampleCountFlagBits samples,
                                      bool vsync) {
    const vk::raii::PhysicalDevice& gpu = context.physicalDevice();
    if (!gpu.getSurfaceSupportKHR(context.queueFamily(), surface))
        throw RenderError(context.info().name + " cannot present to this window from its graphics queue");
    SwapchainFormat f;
    const std::vector<vk::SurfaceFormatKHR> formats = gpu.getSurfaceFormatsKHR(surface);
    if (formats.empty()) throw RenderError("the window surface offers no image format");
    f.target.colour = formats[0].format;
    f.colourSpace = formats[0].colorSpace;
    for (const vk::SurfaceFormatKHR& sf : formats)
        if ((sf.format == vk::Format::eB8G8R8A8Srgb || sf.format == vk::Format::eR8G8B8A8Srgb) &&
            sf.colorSpace == vk::ColorSpaceKHR::eSrgbNonlinear) {
            f.target.colour = sf.format;
            f.colourSpace = sf.colorSpace;
            break;
        }
    f.target.depth = pickDepthFormat(context);
    f.target.samples = samples;
    const std::vector<vk::PresentModeKHR> modes = gpu.getSurfacePresentModesKHR(surface);
    // For the least lag between the hand and the picture: mailbox (the newest frame replaces a waiting
    // one, no tearing) when the driver has it, else first-in first-out; without vsync (benchmarks)
    // mailbox or immediate.
    f.presentMode = vk::PresentModeKHR::eFifo;
    const std::vector<vk::PresentModeKHR> wantedModes =
        vsync ? std::vector{vk::PresentModeKHR::eMailbox} : std::vector{vk::PresentModeKHR::eMailbox, vk::PresentModeKHR::eImmediate};
    for (vk::PresentModeKHR wanted : wantedModes)
            if (std::find(modes.begin(), modes.end(), wanted) != modes.end()) {
                f.presentMode = wanted;
                break;
            }
    const vk::SurfaceCapabilitiesKHR caps = gpu.getSurfaceCapabilitiesKHR(surface);
    f.minImageCount = std::max(2u, caps.minImageCount + 1);
    if (caps.maxImageCount > 0) f.minImageCount = std::min(f.minImageCount, caps.maxImageCount);
    return f;
}

Swapchain::Swapchain(const Context& context, vk::SurfaceKHR surface, const SwapchainFormat& format,
                     vk::RenderPass renderPass, vk::Extent2D extent, Swapchain* old) {
    const vk::SurfaceCapabilitiesKHR caps = context.physicalDevice().getSurfaceCapabilitiesKHR(surface);
    if (caps.currentExtent.width != UINT32_MAX) {
        extent_ = caps.currentExtent;
    } else {
        extent_.width = std::clamp(extent.width, caps.minImageExtent.width, caps.maxImageExtent.width);
        extent_.height = std::clamp(extent.height, caps.minImageExtent.height, caps.maxImageExtent.height);
    }
    readable_ = static_cast<bool>(caps.supportedUsageFlags & vk::ImageUsageFlagBits::eTransferSrc);
    vk::SwapchainCreateInfoKHR info({}, surface, format.minImageCount, format.target.colour, format.colourSpace,
                                    extent_, 1,
                                    vk::ImageUsageFlagBits::eColorAttachment |
                                        (format.copiedInto ? vk::ImageUsageFlagBits::eTransferDst : vk::ImageUsageFlags{}) |
                                        (readable_ ? vk::ImageUsageFlagBits::eTransferSrc : vk::ImageUsageFlags{}),
                                    vk::SharingMode::eExclusive,
                                    {}, caps.currentTransform, vk::CompositeAlphaFlagBitsKHR::eOpaque,
                                    format.presentMode, VK_TRUE, old ? old->handle() : vk::SwapchainKHR{});
    if (format.copiedInto && !(caps.supportedUsageFlags & vk::ImageUsageFlagBits::eTransferDst))
        throw RenderError("the window's images cannot be copied into (no TRANSFER_DST usage)");
    if (!(caps.supportedCompositeAlpha & vk::CompositeAlphaFlagBitsKHR::eOpaque))
        info.compositeAlpha = vk::CompositeAlphaFlagBitsKHR::eInherit;
    swapchain_ = vk::raii::SwapchainKHR(context.device(), info);
    images_ = swapchain_.getImages();

    for (vk::Image image : images_) {
        views_.emplace_back(context.device(),
                            vk::ImageViewCreateInfo({}, image, vk::ImageViewType::e2D, format.target.colour, {},
                                                    vk::ImageSubresourceRange(vk::ImageAspectFlagBits::eColor, 0, 1, 0, 1)));
        const vk::ImageView view = *views_.back();
        framebuffers_.emplace_back(context.device(),
                                   vk::FramebufferCreateInfo({}, renderPass, view, extent_.width, extent_.height, 1));
        renderFinished_.emplace_back(context.device(), vk::SemaphoreCreateInfo());
    }
}

}  // namespace pinpoint::render
