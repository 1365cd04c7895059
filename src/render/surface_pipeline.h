#pragma once
// The pipeline that draws the head surface: an indexed draw whose vertex shader pulls vertices from
// a storage buffer, per-triangle data read by gl_PrimitiveID (needs geometryShader), depth tested,
// viewport and scissor set per frame (so a resized swapchain keeps the same pipeline).
#include "render/context.h"

namespace pinpoint::render {

// Descriptor set 0 (see shaders/surface_interface.glsl and surface.vert).
enum SurfaceBinding : std::uint32_t {
    kFrameUniforms = 0,
    kVertexBuffer = 1,
    kTriangleBuffer = 2,
    kDensityBuffer = 3,
    kIndexStorage = 4,  // the index buffer, read by the fragment shader to find a triangle's corners
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
