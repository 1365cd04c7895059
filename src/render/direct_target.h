#pragma once
// The window's own images as the target of the head's render pass, for drawing straight into them
// (on a GPU, where keeping a picture between frames saves nothing): one multisampled colour image
// and one depth image shared by all swapchain images (the render pass orders the frames that use
// them), and a framebuffer per swapchain image that resolves into it. Without multisampling the
// head is drawn into the swapchain image itself. Rebuilt with the swapchain.
#include "render/swapchain.h"

#include <optional>
#include <vector>

namespace pinpoint::render {

class DirectTarget {
public:
    // `renderPass`: createSurfaceRenderPass for `format` (the swapchain's colour format).
    DirectTarget(const Context& context, const TargetFormat& format, vk::RenderPass renderPass,
                 const Swapchain& swapchain);

    vk::Framebuffer framebuffer(std::uint32_t image) const { return *framebuffers_[image]; }

private:
    std::optional<Image> multisampled_;
    Image depth_;
    std::vector<vk::raii::Framebuffer> framebuffers_;
};

}  // namespace pinpoint::render
