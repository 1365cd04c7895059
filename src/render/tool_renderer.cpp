#include "render/tool_renderer.h"

#include "render/shaders.h"
#include "render/surface_renderer.h"

#include <glm/geometric.hpp>

namespace pinpoint::render {

namespace {

// Mirrors ToolFrame in shaders/tool.vert and tool.frag (128 bytes: the least every device offers).
struct ToolPush {
    glm::mat4 viewProjection;
    glm::vec4 cameraPosition;
    glm::vec4 lightDirection;
    glm::vec4 footprint;  // xyz: the tip (mm), w: the footprint's radius (0: no tool)
};
static_assert(sizeof(ToolPush) <= 128);

vk::raii::ShaderModule shaderModule(const Context& context, std::span<const std::uint32_t> spirv) {
    return vk::raii::ShaderModule(context.device(), vk::ShaderModuleCreateInfo({}, spirv.size_bytes(), spirv.data()));
}

}  // namespace

ToolRenderer::ToolRenderer(const Context& context, vk::RenderPass renderPass, vk::SampleCountFlagBits samples,
                           std::uint32_t framesInFlight) {
    using Stage = vk::ShaderStageFlagBits;
    const vk::PushConstantRange push(Stage::eVertex | Stage::eFragment, 0, sizeof(ToolPush));
    layout_ = vk::raii::PipelineLayout(context.device(), vk::PipelineLayoutCreateInfo({}, {}, push));

    const vk::raii::ShaderModule vertex = shaderModule(context, shaders::toolVertex());
    const vk::raii::ShaderModule fragment = shaderModule(context, shaders::toolFragment());
    const std::array<vk::PipelineShaderStageCreateInfo, 2> stages = {
        vk::PipelineShaderStageCreateInfo({}, Stage::eVertex, *vertex, "main"),
        vk::PipelineShaderStageCreateInfo({}, Stage::eFragment, *fragment, "main"),
    };
    const vk::VertexInputBindingDescription binding(0, sizeof(ToolVertex), vk::VertexInputRate::eVertex);
    const std::array<vk::VertexInputAttributeDescription, 3> attributes = {
        vk::VertexInputAttributeDescription(0, 0, vk::Format::eR32G32B32Sfloat, offsetof(ToolVertex, position)),
        vk::VertexInputAttributeDescription(1, 0, vk::Format::eR32G32B32Sfloat, offsetof(ToolVertex, normal)),
        vk::VertexInputAttributeDescription(2, 0, vk::Format::eR32G32B32A32Sfloat, offsetof(ToolVertex, colour)),
    };
    const vk::PipelineVertexInputStateCreateInfo vertexInput({}, binding, attributes);
    const vk::PipelineInputAssemblyStateCreateInfo assembly({}, vk::PrimitiveTopology::eTriangleList);
    const vk::PipelineViewportStateCreateInfo viewport({}, 1, nullptr, 1, nullptr);
    // The opaque parts hide their own backs: culled, as the head's are. The clear parts show theirs.
    vk::PipelineRasterizationStateCreateInfo raster({}, VK_FALSE, VK_FALSE, vk::PolygonMode::eFill,
                                                    vk::CullModeFlagBits::eBack, vk::FrontFace::eCounterClockwise,
                                                    VK_FALSE, 0, 0, 0, 1.0f);
    const vk::PipelineMultisampleStateCreateInfo multisample({}, samples);
    vk::PipelineDepthStencilStateCreateInfo depth({}, VK_TRUE, VK_TRUE, vk::CompareOp::eLessOrEqual);
    vk::PipelineColorBlendAttachmentState blend(
        VK_TRUE, vk::BlendFactor::eSrcAlpha, vk::BlendFactor::eOneMinusSrcAlpha, vk::BlendOp::eAdd,
        vk::BlendFactor::eOne, vk::BlendFactor::eOneMinusSrcAlpha, vk::BlendOp::eAdd,
        vk::ColorComponentFlagBits::eR | vk::ColorComponentFlagBits::eG | vk::ColorComponentFlagBits::eB |
            vk::ColorComponentFlagBits::eA);
    const vk::PipelineColorBlendStateCreateInfo blending({}, VK_FALSE, vk::LogicOp::eCopy, blend);
    const std::array<vk::DynamicState, 2> dynamic = {vk::DynamicState::eViewport, vk::DynamicState::eScissor};
    const vk::PipelineDynamicStateCreateInfo dynamicState({}, dynamic);
    const vk::GraphicsPipelineCreateInfo info({}, stages, &vertexInput, &assembly, nullptr, &viewport, &raster,
                                              &multisample, &depth, &blending, &dynamicState, *layout_, renderPass, 0);
    opaque_ = vk::raii::Pipeline(context.device(), nullptr, info);
    depth.depthWriteEnable = VK_FALSE;  // translucent parts: seen through, hiding nothing drawn after them
    raster.cullMode = vk::CullModeFlagBits::eNone;
    translucent_ = vk::raii::Pipeline(context.device(), nullptr, info);

    for (std::uint32_t i = 0; i < std::max(framesInFlight, 1u); ++i)
        vertices_.emplace_back(context, kMaxToolVertices * sizeof(ToolVertex), vk::BufferUsageFlagBits::eVertexBuffer,
                               vk::MemoryPropertyFlagBits::eHostVisible);
}

void ToolRenderer::record(const vk::raii::CommandBuffer& cmd, const SceneTriangles& triangles, const Scene& scene,
                          vk::Extent2D extent, std::uint32_t slot, const PixelRect& area) {
    const std::vector<ToolVertex>& mesh = triangles.vertices;
    if (mesh.empty()) return;
    Buffer& buffer = vertices_.at(slot);
    buffer.write(mesh.data(), mesh.size() * sizeof(ToolVertex));

    ToolPush push{};
    const float aspect = static_cast<float>(extent.width) / static_cast<float>(std::max(extent.height, 1u));
    push.viewProjection = viewProjection(scene.camera, aspect);
    push.cameraPosition = glm::vec4(scene.camera.eye, 1.0f);
    const glm::vec3 back = glm::normalize(scene.camera.eye - scene.camera.target);
    const glm::vec3 right = glm::normalize(glm::cross(scene.camera.up, back));
    const glm::vec3 up = glm::cross(back, right);
    push.lightDirection = glm::vec4(glm::normalize(-0.8f * right + 0.7f * up + 0.5f * back), 0.0f);
    if (scene.tool) push.footprint = glm::vec4(scene.tool->tip, footprintRadius(*scene.tool));

    cmd.setViewport(0, vk::Viewport(0.0f, 0.0f, static_cast<float>(extent.width), static_cast<float>(extent.height),
                                    0.0f, 1.0f));
    cmd.setScissor(0, scissorFor(area, extent));
    cmd.pushConstants<ToolPush>(*layout_, vk::ShaderStageFlagBits::eVertex | vk::ShaderStageFlagBits::eFragment, 0,
                                push);
    cmd.bindVertexBuffers(0, buffer.handle(), vk::DeviceSize{0});
    const auto opaque = static_cast<std::uint32_t>(std::min(triangles.opaqueCount, mesh.size()));
    if (opaque > 0) {
        cmd.bindPipeline(vk::PipelineBindPoint::eGraphics, *opaque_);
        cmd.draw(opaque, 1, 0, 0);
    }
    if (mesh.size() > opaque) {
        cmd.bindPipeline(vk::PipelineBindPoint::eGraphics, *translucent_);
        cmd.draw(static_cast<std::uint32_t>(mesh.size()) - opaque, 1, opaque, 0);
    }
}

}  // namespace pinpoint::render
