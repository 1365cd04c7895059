#pragma once
// Dear ImGui (Debian's 1.86) drawn by its Vulkan backend inside the window's render pass, after the
// head. The caller owns the ImGui context and the platform backend (GLFW); this owns the Vulkan side:
// its descriptor pool, the font texture (uploaded once) and the backend's lifetime. As the window's
// overlay it says which pixels of the interface changed (InterfaceChanges) and draws only where the
// window asks.
#include "render/context.h"
#include "render/interface_changes.h"
#include "render/window_renderer.h"

namespace pinpoint::render {

class ImGuiLayer : public WindowOverlay {
public:
    // Needs a current ImGui context with its fonts added.
    ImGuiLayer(const Context& context, vk::RenderPass renderPass, vk::SampleCountFlagBits samples,
               std::uint32_t minImageCount, std::uint32_t imageCount);
    ~ImGuiLayer() override;
    ImGuiLayer(const ImGuiLayer&) = delete;
    ImGuiLayer& operator=(const ImGuiLayer&) = delete;

    void newFrame();
    // ImGui's draw data of the frame (after ImGui::Render()): where it changed since the last frame
    // recorded, and recorded within some pixels.
    PixelRegions changedPixels() override;
    void record(const vk::raii::CommandBuffer& cmd, const PixelRegions& within) override;

private:
    vk::raii::DescriptorPool pool_{nullptr};
    InterfaceChanges changes_;
};

}  // namespace pinpoint::render
