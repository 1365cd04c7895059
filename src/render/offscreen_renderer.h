#pragma once
// Renders the head into an image in memory: no window, no display. Used by `pinpoint render`, the
// render tests and the benchmark.
#include "render/head_picture.h"

namespace pinpoint::render {

struct OffscreenOptions {
    std::uint32_t width = 800;
    std::uint32_t height = 600;
    std::uint32_t samples = 4;  // multisampling; lowered to what the device supports
    // Keep the picture between frames and redraw only what changed, as the window does.
    bool keepPicture = false;
};

class OffscreenRenderer {
public:
    // Errors (size beyond the device's limits, a failing device) come back as one-line messages.
    static core::Result<std::unique_ptr<OffscreenRenderer>> create(const Context& context, const HeadSurface& surface,
                                                                   const OffscreenOptions& options);

    // Draws `scene` and waits for the GPU; returns the picture.
    core::Result<Picture> render(const Scene& scene);
    // Draws `scene` and waits for the GPU, without reading the pixels back (for timing).
    core::Result<bool> draw(const Scene& scene);

    vk::SampleCountFlagBits samples() const { return picture_.target().format().samples; }
    std::size_t densityBytesUploaded() const { return picture_.surfaceRenderer().densityBytesUploaded(); }
    std::uint64_t drawnIndices() const { return picture_.surfaceRenderer().drawnIndices(); }
    std::uint32_t indexCount() const { return surface_.indexCount(); }
    std::uint64_t redrawnPixels() const { return picture_.redrawnPixels(); }

private:
    OffscreenRenderer(const Context& context, const HeadSurface& surface, const OffscreenOptions& options,
                      const TargetFormat& format);
    void submit(const Scene& scene, bool readBack);

    const Context* context_;
    GpuSurface surface_;
    HeadPicture picture_;
    bool keep_;
    vk::raii::CommandPool pool_{nullptr};
    vk::raii::CommandBuffer commands_{nullptr};
    vk::raii::Fence fence_{nullptr};
};

}  // namespace pinpoint::render
