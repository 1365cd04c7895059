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
    const std::array<vk::DescriptorSetLayoutBinding, 6> bindings = {
        vk::DescriptorSetLayoutBinding(kFrameUniforms, vk::DescriptorType::eUniformBuffer, 1,
                                       Stage::eVertex | Stage::eFragment),
        vk::DescriptorSetLayoutBinding(kVertexBuffer, vk::DescriptorType::eStorageBuffer, 1,
                                       Stage::eVertex),
        vk::DescriptorSetLayoutBinding(kDensityBuffer, vk::DescriptorType::eStorageBuffer, 1, Stage::eVertex),
        vk::DescriptorSetLayoutBinding(kBleedingBuffer, vk::DescriptorType::eStorageBuffer, 1, Stage::eVertex),
        vk::DescriptorSetLayoutBinding(kTriangleBuffer, vk::DescriptorType::eStorageBuffer, 1, Stage::eFragment),
        vk::DescriptorSetLayoutBinding(kSampleDensityBuffer, vk::DescriptorType::eStorageBuffer, 1, Stage::eFragment),
    };
    setLayout_ = vk::raii::DescriptorSetLayout(context.device(), vk::DescriptorSetLayoutCreateInfo({}, bindings));
    const vk::DescriptorSetLayout setLayout = *setLayout_;
    const vk::PushConstantRange push(Stage::eVertex | Stage::eFragment, 0, sizeof(SurfaceDraw));
    layout_ = vk::raii::PipelineLayout(context.device(), vk::PipelineLayoutCreateInfo({}, setLayout, push));

    const vk::raii::ShaderModule vertex = shaderModule(context, shaders::surfaceVertex());
    const vk::raii::ShaderModule fragment = shaderModule(context, shaders::surfaceFragment());
    const vk::PipelineVertexInputStateCreateInfo vertexInput;  // vertices are pulled in the shader
    const vk::PipelineInputAssemblyStateCreateInfo assembly({}, vk::PrimitiveTopology::eTriangleList);
    const vk::PipelineViewportStateCreateInfo viewport({}, 1, nullptr, 1, nullptr);
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

    // constant_id 0: the overlay (shaders/surface_interface.glsl codes), 1: the material.
    const std::array<vk::SpecializationMapEntry, 2> entries = {
        vk::SpecializationMapEntry(0, 0, sizeof(std::uint32_t)),
        vk::SpecializationMapEntry(1, sizeof(std::uint32_t), sizeof(std::uint32_t)),
    };
    for (std::uint32_t i = 0; i < kOverlays * kMaterials; ++i) {
        const std::array<std::uint32_t, 2> values = {i / kMaterials, i % kMaterials};
        const vk::SpecializationInfo specialization(static_cast<std::uint32_t>(entries.size()), entries.data(), sizeof(values), values.data());
        const std::array<vk::PipelineShaderStageCreateInfo, 2> stages = {
            vk::PipelineShaderStageCreateInfo({}, Stage::eVertex, *vertex, "main"),
            vk::PipelineShaderStageCreateInfo({}, Stage::eFragment, *fragment, "main", &specialization),
        };
        const vk::GraphicsPipelineCreateInfo info({}, stages, &vertexInput, &assembly, nullptr, &viewport, &raster,
                                                  &multisample, &depth, &blending, &dynamicState, *layout_,
                                                  renderPass, 0);
        pipelines_.emplace_back(context.device(), nullptr, info);
    }

    // The drops: one point each (a quad each cost lavapipe six vertices and two triangles: 65,536
    // drops took 60 ms a frame), tested against the skin's depth but not written (they overlap),
    // blended over it.
    const vk::raii::ShaderModule dropVertex = shaderModule(context, shaders::bleedingVertex());
    const vk::raii::ShaderModule dropFragment = shaderModule(context, shaders::bleedingFragment());
    const vk::PipelineInputAssemblyStateCreateInfo dropAssembly({}, vk::PrimitiveTopology::ePointList);
    const std::array<vk::PipelineShaderStageCreateInfo, 2> dropStages = {
        vk::PipelineShaderStageCreateInfo({}, Stage::eVertex, *dropVertex, "main"),
        vk::PipelineShaderStageCreateInfo({}, Stage::eFragment, *dropFragment, "main"),
    };
    const vk::PipelineRasterizationStateCreateInfo dropRaster({}, VK_FALSE, VK_FALSE, vk::PolygonMode::eFill,
                                                              vk::CullModeFlagBits::eNone,
                                                              vk::FrontFace::eCounterClockwise, VK_FALSE, 0, 0, 0, 1.0f);
    const vk::PipelineDepthStencilStateCreateInfo dropDepth({}, VK_TRUE, VK_FALSE, vk::CompareOp::eLessOrEqual);
    vk::PipelineColorBlendAttachmentState dropBlend(VK_TRUE, vk::BlendFactor::eSrcAlpha, vk::BlendFactor::eOneMinusSrcAlpha,
                                                    vk::BlendOp::eAdd, vk::BlendFactor::eZero, vk::BlendFactor::eOne,
                                                    vk::BlendOp::eAdd, blend.colorWriteMask);
    const vk::PipelineColorBlendStateCreateInfo dropBlending({}, VK_FALSE, vk::LogicOp::eCopy, dropBlend);
    const vk::GraphicsPipelineCreateInfo dropInfo({}, dropStages, &vertexInput, &dropAssembly, nullptr, &viewport, &dropRaster,
                                                  &multisample, &dropDepth, &dropBlending, &dynamicState, *layout_,
                                                  renderPass, 0);
    bleeding_ = vk::raii::Pipeline(context.device(), nullptr, dropInfo);

    const vk::raii::ShaderModule decalFragment = shaderModule(context, shaders::toolOnSkinFragment());
    const std::array<vk::PipelineShaderStageCreateInfo, 2> decalStages = {
        vk::PipelineShaderStageCreateInfo({}, Stage::eVertex, *vertex, "main"),
        vk::PipelineShaderStageCreateInfo({}, Stage::eFragment, *decalFragment, "main"),
    };
    const vk::PipelineDepthStencilStateCreateInfo decalDepth({}, VK_TRUE, VK_FALSE, vk::CompareOp::eLessOrEqual);
    vk::PipelineColorBlendAttachmentState decalBlend(VK_TRUE, vk::BlendFactor::eOne, vk::BlendFactor::eOneMinusSrcAlpha,
                                                     vk::BlendOp::eAdd, vk::BlendFactor::eZero, vk::BlendFactor::eOne,
                                                     vk::BlendOp::eAdd, blend.colorWriteMask);
    const vk::PipelineColorBlendStateCreateInfo decalBlending({}, VK_FALSE, vk::LogicOp::eCopy, decalBlend);
    const vk::GraphicsPipelineCreateInfo decalInfo({}, decalStages, &vertexInput, &assembly, nullptr, &viewport, &raster,
                                                   &multisample, &decalDepth, &decalBlending, &dynamicState, *layout_,
                                                   renderPass, 0);
    toolOnSkin_ = vk::raii::Pipeline(context.device(), nullptr, decalInfo);
}

vk::Pipeline SurfacePipeline::pipeline(Overlay overlay, SurfaceMaterial material) const {
    std::size_t code = 0;
    switch (overlay) {
    case Overlay::None: code = 0; break;
    case Overlay::Zones: code = 1; break;
    case Overlay::Density: code = 2; break;
    }
    return *pipelines_.at(code * kMaterials + static_cast<std::size_t>(material));
}

}  // namespace pinpoint::render
