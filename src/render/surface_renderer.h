#pragma once
// Draws a GpuSurface for a Scene inside a render pass: the frame's uniforms, the descriptor set and
// one draw call. Independent of where the frame goes (offscreen image or swapchain).
#include "render/gpu_surface.h"
#include "render/surface_pipeline.h"

#include <glm/mat4x4.hpp>

namespace pinpoint::render {

// The matrix from model space (mm) to Vulkan clip space (depth 0..1, y down).
glm::mat4 viewProjection(const Camera& camera, float aspect);

class SurfaceRenderer {
public:
    SurfaceRenderer(const Context& context, GpuSurface& surface, vk::RenderPass renderPass,
                    vk::SampleCountFlagBits samples);

    // Writes the frame's uniforms and density, then records the draw. The caller makes sure no
    // earlier frame that uses them is still running (one frame in flight).
    void record(const vk::raii::CommandBuffer& cmd, const Scene& scene, vk::Extent2D extent);

private:
    GpuSurface* surface_;
    SurfacePipeline pipeline_;
    Buffer uniforms_;
    vk::raii::DescriptorPool pool_{nullptr};
    vk::raii::DescriptorSet set_{nullptr};
};

}  // namespace pinpoint::render
