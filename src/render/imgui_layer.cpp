#include "render/imgui_layer.h"

#include <imgui.h>
#include <backends/imgui_impl_vulkan.h>

namespace pinpoint::render {

namespace {

void checkResult(VkResult r) {
    if (r != VK_SUCCESS) throw RenderError("the ImGui Vulkan backend failed (" + std::to_string(r) + ")");
}

}  // namespace

ImGuiLayer::ImGuiLayer(const Context& context, vk::RenderPass renderPass, vk::SampleCountFlagBits samples,
                       std::uint32_t minImageCount, std::uint32_t imageCount) {
    const std::array<vk::DescriptorPoolSize, 1> sizes = {
        vk::DescriptorPoolSize(vk::DescriptorType::eCombinedImageSampler, 16)};
    pool_ = vk::raii::DescriptorPool(
        context.device(), vk::DescriptorPoolCreateInfo(vk::DescriptorPoolCreateFlagBits::eFreeDescriptorSet, 16, sizes));

    ImGui_ImplVulkan_InitInfo info{};
    info.Instance = static_cast<VkInstance>(*context.instance());
    info.PhysicalDevice = static_cast<VkPhysicalDevice>(*context.physicalDevice());
    info.Device = static_cast<VkDevice>(*context.device());
    info.QueueFamily = context.queueFamily();
    info.Queue = static_cast<VkQueue>(*context.queue());
    info.DescriptorPool = static_cast<VkDescriptorPool>(*pool_);
    info.Subpass = 0;
    info.MinImageCount = std::max(minImageCount, 2u);
    info.ImageCount = std::max(imageCount, info.MinImageCount);
    info.MSAASamples = static_cast<VkSampleCountFlagBits>(samples);
    info.CheckVkResultFn = &checkResult;
    if (!ImGui_ImplVulkan_Init(&info, static_cast<VkRenderPass>(renderPass)))
        throw RenderError("the ImGui Vulkan backend did not start");
    context.runOnce([](const vk::raii::CommandBuffer& cmd) {
        ImGui_ImplVulkan_CreateFontsTexture(static_cast<VkCommandBuffer>(*cmd));
    });
    ImGui_ImplVulkan_DestroyFontUploadObjects();
}

ImGuiLayer::~ImGuiLayer() { ImGui_ImplVulkan_Shutdown(); }

void ImGuiLayer::newFrame() { ImGui_ImplVulkan_NewFrame(); }

PixelRegions ImGuiLayer::changedPixels() {
    const ImDrawData* data = ImGui::GetDrawData();
    return data ? changes_.next(*data) : PixelRegions{};
}

void ImGuiLayer::record(const vk::raii::CommandBuffer& cmd, const PixelRegions& within) {
    ImDrawData* data = ImGui::GetDrawData();
    if (data == nullptr || within.empty()) return;
    const int width = static_cast<int>(data->DisplaySize.x * data->FramebufferScale.x);
    const int height = static_cast<int>(data->DisplaySize.y * data->FramebufferScale.y);
    if (within.covers(PixelRect{0, 0, width, height})) {
        ImGui_ImplVulkan_RenderDrawData(data, static_cast<VkCommandBuffer>(*cmd));
        return;
    }
    const DrawnWithin cut(*data, within);
    ImGui_ImplVulkan_RenderDrawData(data, static_cast<VkCommandBuffer>(*cmd));
}

}  // namespace pinpoint::render
