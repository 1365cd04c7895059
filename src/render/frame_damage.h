#pragma once
// Which part of the window's picture a frame must redraw. The window keeps the last picture of the
// head and redraws only the pixels where something changed: where the tool was and where it is now,
// and around the skin whose density changed (new bleeding points lie there too: they come with the
// punctures that changed it, and a drop's size is under the margin). Anything else that changes the picture (the camera, the
// overlay, the scale, the lesions, the size) redraws it all. Pure CPU, tested alone.
#include "render/scene.h"
#include "render/surface_clusters.h"

#include <glm/mat4x4.hpp>

#include <optional>

namespace pinpoint::render {

// How a frame changes the picture.
struct FrameChange {
    PixelRect area;     // the pixels to redraw; empty: nothing changed
    bool whole = false; // the whole picture (area then covers all of it)
};

class FrameDamage {
public:
    // `densityMarginMm`: how far a changed vertex's colour reaches (the longest edge of the surface).
    explicit FrameDamage(float densityMarginMm) : densityMarginMm_(densityMarginMm) {}

    // What `scene` changes, drawn at `width` x `height` with `viewProjection`, compared with the
    // last scene given here. `toolBox` is the box around the tool as drawn (none when there is no tool).
    FrameChange next(const Scene& scene, int width, int height, const glm::mat4& viewProjection,
                     const std::optional<core::Bounds>& toolBox);

    // The kept picture is gone (a new swapchain, a lost frame): the next frame redraws it all.
    void forget() { previous_.reset(); }

private:
    struct Kept {
        Camera camera;
        Overlay overlay;
        float densityFullScale;
        DensityScale densityScale;
        SkinLook skin;
        glm::vec4 background;
        std::vector<SkinMark> marks;
        int width, height;
        std::uint64_t densityRevision;
        std::uint64_t bleedingGeneration;
        std::size_t bleedingPoints;
        PixelRect tool;  // where the tool was drawn
    };
    bool sameView(const Kept& kept, const Scene& scene, int width, int height) const;

    float densityMarginMm_;
    std::optional<Kept> previous_;
};

}  // namespace pinpoint::render
