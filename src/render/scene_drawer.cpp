#include "render/scene_drawer.h"

namespace pinpoint::render {

SceneDrawer::SceneDrawer(const Context& context, const GpuSurface& surface, vk::RenderPass renderPass,
                         vk::SampleCountFlagBits samples, std::uint32_t framesInFlight)
    : surface_(context, surface, renderPass, samples, framesInFlight),
      tool_(context, renderPass, samples, framesInFlight) {}

void SceneDrawer::record(const vk::raii::CommandBuffer& cmd, const Scene& scene, const SceneTriangles& tool,
                         vk::Extent2D extent, std::uint32_t slot, const PixelRect& area) {
    surface_.record(cmd, scene, extent, slot, area);
    tool_.record(cmd, tool, scene, extent, slot, area);
}

}  // namespace pinpoint::render
