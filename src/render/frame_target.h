#pragma once
// Where a frame is drawn: the render pass (shared in shape with a future swapchain target) and an
// offscreen target with multisampled colour, depth, a resolved image and a host buffer to read it.
#include "render/gpu_buffer.h"
#include "render/scene.h"

#include <array>
#include <optional>

namespace pinpoint::render {

struct TargetFormat {
    vk::Format colour = vk::Format::eR8G8B8A8Srgb;  // sRGB: shaders work in linear light
    vk::Format depth = vk::Format::eD32Sfloat;
    vk::SampleCountFlagBits samples = vk::SampleCountFlagBits::e4;
};

// A depth format the device can render to (D32, else D24S8, else D16).
vk::Format pickDepthFormat(const Context& context);
// The aspects of a depth format (with stencil for D24S8).
vk::ImageAspectFlags depthAspect(vk::Format format);

// One subpass: colour (resolved into a single-sample attachment when multisampled) and depth.
// Attachments: colour, depth, then the resolve target when samples > 1. The colour that is kept
// ends in `finalLayout` (eTransferSrcOptimal: it is copied out next). It starts in `initialLayout`:
// eUndefined discards what it held; the layout it was left in keeps the pixels outside the render
// area (the window redraws part of its picture). The two are compatible: one framebuffer and the
// same pipelines serve both.
vk::raii::RenderPass createSurfaceRenderPass(const Context& context, const TargetFormat& format,
                                             vk::ImageLayout finalLayout,
                                             vk::ImageLayout initialLayout = vk::ImageLayout::eUndefined);

class OffscreenTarget {
public:
    // `readable`: with a host buffer to read the pixels back (pictures); without, for a window.
    OffscreenTarget(const Context& context, vk::Extent2D extent, const TargetFormat& format, bool readable = true);

    const vk::raii::RenderPass& renderPass() const { return renderPass_; }
    vk::Framebuffer framebuffer() const { return *framebuffer_; }
    vk::Extent2D extent() const { return extent_; }
    const TargetFormat& format() const { return format_; }

    vk::Image image() const { return resolved_.handle(); }  // the finished colour (eTransferSrcOptimal)

    // Records the copy of the finished frame into the host buffer (after the render pass).
    void recordReadback(const vk::raii::CommandBuffer& cmd) const;
    // The pixels of the last frame whose readback has completed.
    Picture pixels();

private:
    vk::Extent2D extent_;
    TargetFormat format_;
    vk::raii::RenderPass renderPass_{nullptr};
    std::optional<Image> multisampled_;  // only when samples > 1
    Image depth_;
    Image resolved_;
    vk::raii::Framebuffer framebuffer_{nullptr};
    std::optional<Buffer> readback_;
};

// The clear values for a pass of the frame target's render pass, in its attachment order: colour
// (the scene's background), depth, then the single-sample resolve target (used with multisampling).
std::array<vk::ClearValue, 3> clearValues(const Scene& scene);

}  // namespace pinpoint::render
