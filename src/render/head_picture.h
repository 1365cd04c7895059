#pragma once
// The picture of the head and the tool, drawn into an image of its own (OffscreenTarget). It can be
// kept between frames: then a frame redraws only the pixels that changed (FrameDamage), which is what
// makes needling with the camera still cheap on a CPU driver. The window copies it under its
// interface; offscreen renderers read it back.
#include "render/frame_damage.h"
#include "render/frame_target.h"
#include "render/gpu_surface.h"
#include "render/scene_drawer.h"

#include <memory>

namespace pinpoint::render {

class HeadPicture {
public:
    // `readable`: with a host buffer to read the pixels back. `framesInFlight`: uniform, density and
    // tool buffers for that many frames recorded ahead.
    HeadPicture(const Context& context, const GpuSurface& surface, const TargetFormat& format, vk::Extent2D extent,
                bool readable, std::uint32_t framesInFlight, float densityMarginMm);

    // A new image of another size: nothing is kept.
    void resize(vk::Extent2D extent);

    // Records the render pass that brings the picture up to date with `scene` using frame `slot`'s
    // buffers: only the changed pixels when `keep`, else all of them. The image ends in
    // eTransferSrcOptimal. Returns the pixels redrawn (empty when nothing changed).
    PixelRect record(const vk::raii::CommandBuffer& cmd, const Scene& scene, std::uint32_t slot, bool keep);

    const OffscreenTarget& target() const { return *target_; }
    OffscreenTarget& target() { return *target_; }
    const SurfaceRenderer& surfaceRenderer() const { return drawer_.surfaceRenderer(); }
    std::uint64_t redrawnPixels() const { return redrawnPixels_; }
    std::uint64_t wholeRedraws() const { return wholeRedraws_; }

private:
    const Context* context_;
    TargetFormat format_;
    bool readable_;
    vk::raii::RenderPass keptPass_;  // keeps the pixels outside the redrawn area
    std::unique_ptr<OffscreenTarget> target_;
    SceneDrawer drawer_;
    FrameDamage damage_;
    bool fresh_ = true;  // nothing kept in the image yet
    std::uint64_t redrawnPixels_ = 0;
    std::uint64_t wholeRedraws_ = 0;
};

}  // namespace pinpoint::render
