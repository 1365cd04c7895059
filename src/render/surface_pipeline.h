#pragma once
// The pipeline that draws the head surface: an indexed draw whose vertex shader pulls vertices from
// a storage buffer (each vertex carries its area; the heatmap alone reads a per-triangle table), depth tested,
// viewport and scissor set per frame (so a resized swapchain keeps the same pipeline).
#include "render/context.h"
#include "render/scene.h"

#include <vector>

namespace pinpoint::render {

// Descriptor set 0 (see shaders/surface_interface.glsl and surface.vert).
enum SurfaceBinding : std::uint32_t {
    kFrameUniforms = 0,
    kVertexBuffer = 1,
    kDensityBuffer = 2,
    kBleedingBuffer = 3,
    kTriangleBuffer = 4,       // per triangle: its plane and its points (the heatmap at the needles' scale)
    kSampleDensityBuffer = 5,  // per point: its density
};

// The push constant of every surface draw: the first triangle it draws (shaders/surface_interface.glsl, Draw).
struct SurfaceDraw {
    std::uint32_t firstTriangle = 0;
};

// What the surface shader draws (its constant_id 1): skin, the eyes, or skin seen close enough for
// its pores to show. Pores are a variant of their own: lavapipe pays for a branch taken or not, and
// from the usual distance they are invisible.
enum class SurfaceMaterial : std::uint32_t { Skin = 0, Eyes = 1, SkinCloseUp = 2 };

// One pipeline per overlay and material: the fragment shader takes both as specialization constants,
// so each variant carries only the code it runs (on lavapipe every branch costs, taken or not).
class SurfacePipeline {
public:
    SurfacePipeline(const Context& context, vk::RenderPass renderPass, vk::SampleCountFlagBits samples);

    vk::DescriptorSetLayout setLayout() const { return *setLayout_; }
    vk::PipelineLayout layout() const { return *layout_; }
    vk::Pipeline pipeline(Overlay overlay, SurfaceMaterial material) const;
    // Pinpoint bleeding: instanced discs over the skin (shaders/bleeding.*), blended, depth tested.
    vk::Pipeline bleeding() const { return *bleeding_; }
    // The tool's footprint and shadow: the skin near the tool drawn again at its own depth
    // (shaders/tool_on_skin.frag), blended over the picture, depth not written.
    vk::Pipeline toolOnSkin() const { return *toolOnSkin_; }

private:
    static constexpr std::uint32_t kOverlays = 3;
    static constexpr std::uint32_t kMaterials = 3;
    vk::raii::DescriptorSetLayout setLayout_{nullptr};
    vk::raii::PipelineLayout layout_{nullptr};
    std::vector<vk::raii::Pipeline> pipelines_;  // [overlay * kMaterials + material]
    vk::raii::Pipeline bleeding_{nullptr};
    vk::raii::Pipeline toolOnSkin_{nullptr};
};

}  // namespace pinpoint::render
