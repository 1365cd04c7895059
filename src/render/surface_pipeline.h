#pragma once
// The pipeline that draws the head surface: vertex pulling from storage buffers, depth tested,
// viewport and scissor set per frame (so a resized swapchain keeps the same pipeline).
#include "render/context.h"

namespace pinpoint::render {

// Descriptor set 0 (see shaders/surface_interface.glsl and surface.vert).
enum SurfaceBinding : std::uint32_t {
    kFrameUniforms = 0,
    kVertexBuffer = 1,
    kIndexBuffer = 2,
    kTriangleBuffer = 3,
    kDensityBuffer = 4,
};

class SurfacePipeline {
public:
    SurfacePipeline(const Context& context, vk::RenderPass renderPass, vk::SampleCountFlagBits samples);

    vk::DescriptorSetLayout setLayout() const { return *setLayout_; }
    vk::PipelineLayout layout() const { return *layout_; }
    vk::Pipeline pipeline() const { return *pipeline_; }

private:
    vk::raii::DescriptorSetLayout setLayout_{nullptr};
    vk::raii::PipelineLayout layout_{nullptr};
    vk::raii::Pipeline pipeline_{nullptr};
};

}  // namespace pinpoint::render
