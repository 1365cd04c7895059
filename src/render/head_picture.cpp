#include "render/head_picture.h"

namespace pinpoint::render {

HeadPicture::HeadPicture(const Context& context, const GpuSurface& surface, const TargetFormat& format,
                         vk::Extent2D extent, bool readable, std::uint32_t framesInFlight, float densityMarginMm)
    : context_(&context),
      format_(format),
      readable_(readable),
      keptPass_(createSurfaceRenderPass(context, format, vk::ImageLayout::eTransferSrcOptimal,
                                        vk::ImageLayout::eTransferSrcOptimal)),
      target_(std::make_unique<OffscreenTarget>(context, extent, format, readable)),
      drawer_(context, surface, *keptPass_, format.samples, framesInFlight),
      damage_(densityMarginMm) {}

void HeadPicture::resize(vk::Extent2D extent) {
    target_.reset();
    target_ = std::make_unique<OffscreenTarget>(*context_, extent, format_, readable_);
    fresh_ = true;
    damage_.forget();
}

PixelRect HeadPicture::record(const vk::raii::CommandBuffer& cmd, const Scene& scene, std::uint32_t slot, bool keep) {
    const vk::Extent2D extent = target_->extent();
    const int width = static_cast<int>(extent.width), height = static_cast<int>(extent.height);
    const PixelRect all{0, 0, width, height};
    // The tool's and the marks' triangles, built once: the tool's box for the damage, then the draw.
    const SceneTriangles tool = sceneTriangles(scene);
    FrameChange change{all, true};
    if (keep) {
        const float aspect = static_cast<float>(extent.width) / static_cast<float>(std::max(extent.height, 1u));
        change = damage_.next(scene, width, height, viewProjection(scene.camera, aspect), tool.toolBox);
        if (fresh_) change = {all, true};
        if (change.area.empty()) {  // nothing to redraw on screen: the kept picture stands
            drawer_.noteDensityChange(scene);  // but density changed off screen goes with the next draw
            return {};
        }
    }
    const std::array<vk::ClearValue, 3> clears = clearValues(scene);
    const bool msaa = format_.samples != vk::SampleCountFlagBits::e1;
    const PixelRect& a = change.area;
    const vk::Rect2D area({a.x0, a.y0}, {static_cast<std::uint32_t>(a.x1 - a.x0), static_cast<std::uint32_t>(a.y1 - a.y0)});
    // A whole picture needs nothing kept: its pass starts from eUndefined.
    const vk::RenderPass pass = change.whole ? *target_->renderPass() : *keptPass_;
    const vk::RenderPassBeginInfo begin(pass, target_->framebuffer(), area,
                                        vk::ArrayProxyNoTemporaries<const vk::ClearValue>(msaa ? 3u : 2u, clears.data()));
    cmd.beginRenderPass(begin, vk::SubpassContents::eInline);
    const PixelRect drawn = change.whole ? PixelRect{} : change.area;
    drawer_.record(cmd, scene, tool, extent, slot, drawn);
    cmd.endRenderPass();
    fresh_ = false;
    redrawnPixels_ += static_cast<std::uint64_t>(area.extent.width) * area.extent.height;
    if (change.whole) ++wholeRedraws_;
    return a;
}

}  // namespace pinpoint::render
