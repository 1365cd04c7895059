#include "render/surface_pipeline.h"

#include "render/shaders.h"

namespace pinpoint::render {

namespace {

vk::raii::ShaderModule shaderModule(const Context& context, std::span<const std::uint32_t> spirv) {
    return vk::raii::ShaderModule(context.device(),
                                  vk::ShaderModuleCreateInfo({}, spirv.size_bytes(), spirv.data()));
}

}  // namespace

SurfacePipeline::SurfacePipeline(const Context& context, vk::RenderPass renderPass, vk::SampleCountFlagBits samples) {
    using Stage = vk::ShaderStageFlagBits;
    const std::array<vk::DescriptorSetLayoutBinding, 5> bindings = {
        vk::DescriptorSetLayoutBinding(kFrameUniforms, vk::DescriptorType::eUniformBuffer, 1,
                                       Stage::eVertex | Stage::eFragment),
        vk::DescriptorSetLayoutBinding(kVertexBuffer, vk::DescriptorType::eStorageBuffer, 1,
                                       Stage::eVertex | Stage::eFragment),
        vk::DescriptorSetLayoutBinding(kTriangleBuffer, vk::DescriptorType::eStorageBuffer, 1, Stage::eFragment),
        vk::DescriptorSetLayoutBinding(kDensityBuffer, vk::DescriptorType::eStorageBuffer, 1, Stage::eVertex),
        vk::DescriptorSetLayoutBinding(kIndexStorage, vk::DescriptorType::eStorageBuffer, 1, Stage::eFragment),
    };
    setLayout_ = vk::raii::DescriptorSetLayout(context.device(), vk::DescriptorSetLayoutCreateInfo({}, bindings));
    const vk::DescriptorSetLayout setLayout = *setLayout_;
    layout_ = vk::raii::PipelineLayout(context.device(), vk::PipelineLayoutCreateInfo({}, setLayout));

    const vk::raii::ShaderModule vertex = shaderModule(context, shaders::surfaceVertex());
    const vk::raii::ShaderModule fragment = shaderModule(context, shaders::surfaceFragment());
    const std::array<vk::PipelineShaderStageCreateInfo, 2> stages = {
        vk::PipelineShaderStageCreateInfo({}, Stage::eVertex, *vertex, "main"),
        vk::PipelineShaderStageCreateInfo({}, Stage::eFragment, *fragment, "main"),
    };
    const vk::PipelineVertexInputStateCreateInfo vertexInput;  // vertices are pulled in the shader
    const vk::PipelineInputAssemblyStateCreateInfo assembly({}, vk::PrimitiveTopology::eTriangleList);
    const vk::PipelineViewportStateCreateInfo viewport({}, 1, nullptr, 1, nullptr);
    // No culling: folds and openings (nostrils, lips, ears) show inner faces, lit from the front.
    const vk::PipelineRasterizationStateCreateInfo raster({}, VK_FALSE, VK_FALSE, vk::PolygonMode::eFill,
                                                          vk::CullModeFlagBits::eBack,
                                                          vk::FrontFace::eCounterClockwise, VK_FALSE, 0, 0, 0, 1.0f);
    const vk::PipelineMultisampleStateCreateInfo multisample({}, samples);
    const vk::PipelineDepthStencilStateCreateInfo depth({}, VK_TRUE, VK_TRUE, vk::CompareOp::eLess);
    vk::PipelineColorBlendAttachmentState blend;
    blend.colorWriteMask = vk::ColorComponentFlagBits::eR | vk::ColorComponentFlagBits::eG |
                           vk::ColorComponentFlagBits::eB | vk::ColorComponentFlagBits::eA;
    const vk::PipelineColorBlendStateCreateInfo blending({}, VK_FALSE, vk::LogicOp::eCopy, blend);
    const std::array<vk::DynamicState, 2> dynamic = {vk::DynamicState::eViewport, vk::DynamicState::eScissor};
    const vk::PipelineDynamicStateCreateInfo dynamicState({}, dynamic);

    const vk::GraphicsPipelineCreateInfo info({}, stages, &vertexInput, &assembly, nullptr, &viewport, &raster,
                                              &multisample, &depth, &blending, &dynamicState, *layout_, renderPass, 0);
    pipeline_ = vk::raii::Pipeline(context.device(), nullptr, info);
}

}  // namespace pinpoint::render
