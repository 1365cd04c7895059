#pragma once
// Draws a Scene (the head, then the tool, its footprint and the lesions) inside a render pass that
// someone else began: the one code path for every target. The kept picture (HeadPicture) draws it
// into an image of its own, part by part; the window on a GPU draws it straight into its swapchain
// image; offscreen renderers read it back.
#include "render/surface_renderer.h"
#include "render/tool_renderer.h"

#include <optional>
#include <vector>

namespace pinpoint::render {

class SceneDrawer {
public:
    // Pipelines for render passes compatible with `renderPass`; buffers for `framesInFlight` frames.
    SceneDrawer(const Context& context, const GpuSurface& surface, vk::RenderPass renderPass,
                vk::SampleCountFlagBits samples, std::uint32_t framesInFlight);

    // Records the draws of `scene` at `extent` with frame `slot`'s buffers, touching only `area`
    // (empty: everything). The caller makes sure no submitted frame still uses `slot`.
    void record(const vk::raii::CommandBuffer& cmd, const Scene& scene, const SceneTriangles& tool, vk::Extent2D extent,
                std::uint32_t slot, const PixelRect& area = {});
    // For a frame that draws nothing: the density it brings still goes with the next draw.
    void noteDensityChange(const Scene& scene) { surface_.noteDensityChange(scene); }

    const SurfaceRenderer& surfaceRenderer() const { return surface_; }

private:
    SurfaceRenderer surface_;
    ToolRenderer tool_;
};

}  // namespace pinpoint::render
