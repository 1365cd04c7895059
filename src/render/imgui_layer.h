#pragma once
// Dear ImGui (Debian's 1.86) drawn by its Vulkan backend inside the window's render pass, after the
// head. The caller owns the ImGui context and the platform backend (GLFW); this owns the Vulkan side:
// its descriptor pool, the font texture (uploaded once) and the backend's lifetime.
#include "render/context.h"

namespace pinpoint::render {

class ImGuiLayer {
public:
    // Needs a current ImGui context with its fonts added.
    ImGuiLayer(const Context& context, vk::RenderPass renderPass, vk::SampleCountFlagBits samples,
               std::uint32_t minImageCount, std::uint32_t imageCount);
    ~ImGuiLayer();
    ImGuiLayer(const ImGuiLayer&) = delete;
    ImGuiLayer& operator=(const ImGuiLayer&) = delete;

    void newFrame();
    // Records ImGui's draw data of the frame (after ImGui::Render()).
    void record(const vk::raii::CommandBuffer& cmd) const;

private:
    vk::raii::DescriptorPool pool_{nullptr};
};

}  // namespace pinpoint::render
