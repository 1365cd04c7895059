#pragma once
// Draws the tool and its footprint ring (and the scenario's raised lesions) inside a render pass after the head (depth-tested, blended),
// from a vertex buffer per frame in flight.
#include "render/gpu_buffer.h"
#include "render/surface_clusters.h"
#include "render/tool_mesh.h"

#include <vector>

namespace pinpoint::render {

class ToolRenderer {
public:
    ToolRenderer(const Context& context, vk::RenderPass renderPass, vk::SampleCountFlagBits samples,
                 std::uint32_t framesInFlight = 1);

    // Draws `mesh` (the scene's tool and marks: toolMesh + appendMarks) with the scene's camera;
    // nothing when it is empty. The caller makes sure `slot` is not in use. Only the pixels in `area`
    // are touched (empty: all of `extent`).
    void record(const vk::raii::CommandBuffer& cmd, const std::vector<ToolVertex>& mesh, const Scene& scene,
                vk::Extent2D extent, std::uint32_t slot = 0, const PixelRect& area = {});

private:
    vk::raii::PipelineLayout layout_{nullptr};
    vk::raii::Pipeline pipeline_{nullptr};
    std::vector<Buffer> vertices_;
};

}  // namespace pinpoint::render
