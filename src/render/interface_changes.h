#pragma once
// The interface (Dear ImGui's draw data) drawn over the kept picture of the head: which pixels of
// it changed since the last frame, found by comparing the draw data with the last frame's triangle
// by triangle, and the draw data cut to some regions, so that a frame redraws only those. While the
// trainee needles, a few numbers change on the panel; the rest of it, the legend and the other
// windows are left as they are in the window image. Only the draw data is compared: a texture
// whose pixels changed under the same triangles would not be seen (the interface draws no texture
// but ImGui's font atlas, which never changes).
#include "render/pixel_regions.h"

#include <imgui.h>

#include <vector>

namespace pinpoint::render {

class InterfaceChanges {
public:
    // The framebuffer pixels where `data` draws differently from the draw data given last time:
    // the whole picture the first time, and whenever the display's size, position or scale changes
    // (the regions are only worked out for a display at (0, 0) with one pixel per point).
    PixelRegions next(const ImDrawData& data);

private:
    struct Command {
        ImVec4 clip;
        ImTextureID texture;
        unsigned vertexOffset, indexOffset, count;
        ImDrawCallback callback;
        bool operator==(const Command&) const;
    };
    struct List {
        std::vector<ImDrawVert> vertices;
        std::vector<ImDrawIdx> indices;
        std::vector<Command> commands;
    };
    static List copyOf(const ImDrawList& list);
    void compare(const List& before, const List& now, PixelRegions& changed) const;

    std::vector<List> lists_;
    ImVec2 size_{0, 0}, position_{0, 0}, scale_{0, 0};
    bool known_ = false;
};

// The pixels ImGui's Vulkan backend (1.86) lets a command's clip rectangle draw: clamped to the
// framebuffer, then truncated as it does.
PixelRect backendScissor(const ImVec4& clip, int framebufferWidth, int framebufferHeight);

// While alive, `data`'s commands draw only within `regions` (each command once per region it
// reaches, its clip rectangle cut to the region); the draw data is restored when it goes. Needs a
// display at (0, 0) with one pixel per point (what InterfaceChanges works regions out for).
class DrawnWithin {
public:
    DrawnWithin(ImDrawData& data, const PixelRegions& regions);
    ~DrawnWithin();
    DrawnWithin(const DrawnWithin&) = delete;
    DrawnWithin& operator=(const DrawnWithin&) = delete;

private:
    ImDrawData* data_;
    std::vector<ImVector<ImDrawCmd>> kept_;
};

}  // namespace pinpoint::render
