#pragma once
// Draws a GpuSurface for a Scene inside a render pass: the frame's uniforms, the descriptor set and
// one draw call. Independent of where the frame goes (offscreen image or swapchain).
#include "render/gpu_surface.h"
#include "render/surface_pipeline.h"

#include <glm/mat4x4.hpp>

#include <optional>
#include <vector>

namespace pinpoint::render {

// The scissor for drawing only `area` (empty: all of `extent`).
vk::Rect2D scissorFor(const PixelRect& area, vk::Extent2D extent);

// Whether the camera is near enough for the skin's pores to show (their pipeline is used then only).
bool poresShow(const Camera& camera, vk::Extent2D extent);

// The matrix from model space (mm) to Vulkan clip space (depth 0..1, y down).
glm::mat4 viewProjection(const Camera& camera, float aspect);

class SurfaceRenderer {
public:
    // One set of uniforms and density per frame in flight, so the CPU writes one frame's while the
    // GPU still reads another's.
    SurfaceRenderer(const Context& context, const GpuSurface& surface, vk::RenderPass renderPass,
                    vk::SampleCountFlagBits samples, std::uint32_t framesInFlight = 1);

    // Writes frame `slot`'s uniforms and the density that changed since that slot was last used, then
    // records the draws of the clusters that can be seen within `area` (empty: the whole extent).
    // The caller makes sure no submitted frame still uses `slot`.
    void record(const vk::raii::CommandBuffer& cmd, const Scene& scene, vk::Extent2D extent,
                std::uint32_t slot = 0, const PixelRect& area = {});

    // Takes note of the density `scene` brings (what changed since the last scene seen), to send it
    // with the next draw of each frame slot. `record` does this itself; call it for a frame that
    // draws nothing, so no change is missed.
    void noteDensityChange(const Scene& scene);

    // Density bytes copied to the GPU so far (to check that only changes are sent).
    std::size_t densityBytesUploaded() const { return densityBytesUploaded_; }
    // Indices drawn so far (to check that culling skips what cannot be seen).
    std::uint64_t drawnIndices() const { return drawnIndices_; }

private:
    struct Slot {
        Buffer uniforms;
        Buffer density;
        Buffer bleeding;                  // the bleeding points, in the scene's order
        Buffer samples;                   // per point: its density (the heatmap at the needles' scale)
        std::size_t bleedingSent = 0;     // how many of them are in `bleeding`
        std::uint64_t bleedingGeneration = 0;
        std::size_t pendingFirst = 0;  // vertices still to copy into this slot's density
        std::size_t pendingEnd = 0;
        std::size_t pendingSampleFirst = 0;  // points still to copy into this slot's samples
        std::size_t pendingSampleEnd = 0;
        vk::raii::DescriptorSet set{nullptr};
    };
    // Copies the vertex and point densities that changed since the slot was last drawn.
    void sendDensity(Slot& slot, const Scene& scene);
    // Sends the bleeding points the slot lacks; returns how many there are to draw.
    std::size_t sendBleedingPoints(Slot& slot, const Scene& scene);
    void drawVisibleClusters(const vk::raii::CommandBuffer& cmd, const Scene& scene, const glm::mat4& viewProjection,
                             vk::Extent2D extent, const PixelRect& area);
    // The tool's footprint and shadow over the skin near it (the skin must be drawn already).
    void drawToolOnSkin(const vk::raii::CommandBuffer& cmd, const Scene& scene, const glm::mat4& viewProjection,
                        vk::Extent2D extent, const PixelRect& area);

    const GpuSurface* surface_;
    SurfacePipeline pipeline_;
    vk::raii::DescriptorPool pool_{nullptr};
    std::vector<Slot> slots_;
    std::optional<std::uint64_t> densityRevision_;
    std::size_t densityBytesUploaded_ = 0;
    std::uint64_t drawnIndices_ = 0;
};

}  // namespace pinpoint::render
