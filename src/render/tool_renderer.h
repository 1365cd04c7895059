#pragma once
// Draws the tool (and the scenario's raised lesions) inside a render pass after the head, from a
// vertex buffer per frame in flight: the opaque parts with depth writes, then the translucent ones
// (the clear cartridge) blended without depth writes. Where an opaque part hides the footprint from
// the camera it turns see-through, so where the needles land shows from every view.
#include "render/gpu_buffer.h"
#include "render/surface_clusters.h"
#include "render/tool_mesh.h"

#include <vector>

namespace pinpoint::render {

class ToolRenderer {
public:
    ToolRenderer(const Context& context, vk::RenderPass renderPass, vk::SampleCountFlagBits samples,
                 std::uint32_t framesInFlight = 1);

    // Draws `triangles` (sceneTriangles(scene)) with the scene's camera; nothing when there are none.
    // The caller makes sure `slot` is not in use. Only the pixels in `area` are touched (empty: all of
    // `extent`).
    void record(const vk::raii::CommandBuffer& cmd, const SceneTriangles& triangles, const Scene& scene,
                vk::Extent2D extent, std::uint32_t slot = 0, const PixelRect& area = {});

private:
    vk::raii::PipelineLayout layout_{nullptr};
    vk::raii::Pipeline opaque_{nullptr};
    vk::raii::Pipeline translucent_{nullptr};
    std::vector<Buffer> vertices_;
};

}  // namespace pinpoint::render
