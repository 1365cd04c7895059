#pragma once
// The window's swapchain: its images (the finished picture is copied into them, then the interface
// is drawn on top), their views and one framebuffer per image for the interface's render pass.
// Rebuilt whole on resize.
#include "render/frame_target.h"

#include <optional>
#include <vector>

namespace pinpoint::render {

struct SwapchainFormat {
    TargetFormat target;  // colour: the surface format chosen; depth; samples
    vk::ColorSpaceKHR colourSpace = vk::ColorSpaceKHR::eSrgbNonlinear;
    vk::PresentModeKHR presentMode = vk::PresentModeKHR::eFifo;
    std::uint32_t minImageCount = 2;
    bool copiedInto = true;  // the head's picture is copied into the images (the kept picture)
};

// An sRGB surface format (B8G8R8A8 or R8G8B8A8), FIFO presentation unless `vsync` is off and MAILBOX
// or IMMEDIATE exist, at least two images.
SwapchainFormat chooseSwapchainFormat(const Context& context, vk::SurfaceKHR surface, vk::SampleCountFlagBits samples,
                                      bool vsync);

class Swapchain {
public:
    // `extent` is the window's framebuffer size (clamped to what the surface allows); `old` is the
    // swapchain this one replaces, if any.
    Swapchain(const Context& context, vk::SurfaceKHR surface, const SwapchainFormat& format, vk::RenderPass renderPass,
              vk::Extent2D extent, Swapchain* old);

    vk::SwapchainKHR handle() const { return *swapchain_; }
    vk::Extent2D extent() const { return extent_; }
    std::uint32_t imageCount() const { return static_cast<std::uint32_t>(images_.size()); }
    vk::Image image(std::uint32_t index) const { return images_[index]; }
    vk::ImageView view(std::uint32_t index) const { return *views_[index]; }
    // Whether the images can be copied out (for tests that read the window's picture).
    bool readable() const { return readable_; }
    vk::Framebuffer framebuffer(std::uint32_t image) const { return *framebuffers_[image]; }
    // Signalled when the frame drawn into `image` is finished (one per image, so presentation never
    // waits on a semaphore a later frame re-signals).
    vk::Semaphore renderFinished(std::uint32_t image) const { return *renderFinished_[image]; }

private:
    vk::Extent2D extent_;
    bool readable_ = false;
    vk::raii::SwapchainKHR swapchain_{nullptr};
    std::vector<vk::Image> images_;
    std::vector<vk::raii::ImageView> views_;
    std::vector<vk::raii::Framebuffer> framebuffers_;
    std::vector<vk::raii::Semaphore> renderFinished_;
};

}  // namespace pinpoint::render
