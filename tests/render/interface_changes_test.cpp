// Which pixels of the interface a frame redraws: ImGui's draw data compared with the last frame's,
// and the draw data cut to those pixels. A real ImGui context (CPU only: no window needed).
#include "render/interface_changes.h"
#include "test_interface.h"

#include <doctest/doctest.h>

#include <functional>
#include <string>

using namespace pinpoint;
using render::PixelRect;
using render::PixelRegions;

namespace {

constexpr int kW = 640, kH = 480;

struct Interface {
    testing::TestInterface imgui{kW, kH};
    ImDrawData& frame(const std::function<void()>& build) {
        ImGui::NewFrame();
        build();
        ImGui::Render();
        return *ImGui::GetDrawData();
    }
};

constexpr ImGuiWindowFlags kFixed = ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize;

// A panel with a counter line between two still ones, a button, and a second window (a legend).
PixelRect panel(int count, ImVec2 legendAt = ImVec2(20, 380), bool legend = true) {
    ImGui::SetNextWindowPos(ImVec2(400, 0), ImGuiCond_Always);
    ImGui::SetNextWindowSize(ImVec2(240, 480), ImGuiCond_Always);
    ImGui::Begin("Treatment", nullptr, kFixed);
    ImGui::TextUnformatted("Under the tool: Forehead");
    ImGui::Text("Punctures: %d", count);
    const ImVec2 lo = ImGui::GetItemRectMin(), hi = ImGui::GetItemRectMax();
    ImGui::TextUnformatted("Depth range here: 0.25 - 0.50 mm");
    ImGui::Button("Finish: score it");
    ImGui::End();
    if (legend) {
        ImGui::SetNextWindowPos(legendAt, ImGuiCond_Always);
        ImGui::SetNextWindowSize(ImVec2(300, 80), ImGuiCond_Always);
        ImGui::Begin("Legend", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar);
        ImGui::TextUnformatted("below target   target   maximum");
        ImGui::End();
    }
    return {static_cast<int>(lo.x), static_cast<int>(lo.y), static_cast<int>(hi.x) + 1, static_cast<int>(hi.y) + 1};
}

}  // namespace

TEST_CASE("interface changes: all of it at first, nothing when a frame draws the same") {
    Interface ui;
    render::InterfaceChanges changes;
    CHECK(changes.next(ui.frame([] { panel(10); })).covers(PixelRect{0, 0, kW, kH}));
    for (int i = 0; i < 2; ++i) changes.next(ui.frame([] { panel(10); }));  // windows settle
    CHECK(changes.next(ui.frame([] { panel(10); })).empty());
}

TEST_CASE("interface changes: a number that changes redraws its line, not the panel or the legend") {
    Interface ui;
    render::InterfaceChanges changes;
    for (int i = 0; i < 3; ++i) changes.next(ui.frame([] { panel(1895); }));
    PixelRect line;
    const PixelRegions changed = changes.next(ui.frame([&] { line = panel(1896); }));
    REQUIRE_FALSE(changed.empty());
    // The digits that changed are covered; the regions stay within the line (and a pixel around it).
    const PixelRect box = changed.bounds();
    CHECK(box.y0 >= line.y0 - 2);
    CHECK(box.y1 <= line.y1 + 2);
    CHECK(box.x0 >= line.x0 - 2);
    CHECK(changed.pixels() < static_cast<std::uint64_t>((line.x1 - line.x0 + 4) * (line.y1 - line.y0 + 4)));
    CHECK(changed.pixels() > 0);
    // A longer number (more glyphs) redraws the panel's window: still not the legend.
    const PixelRegions longer = changes.next(ui.frame([] { panel(18960); }));
    CHECK(longer.covers(line));
    CHECK(longer.bounds().x0 >= 400 - 4);  // the window at x = 400, its border, a pixel around
}

TEST_CASE("interface changes: a window that moves or goes redraws where it was and where it is") {
    Interface ui;
    render::InterfaceChanges changes;
    for (int i = 0; i < 3; ++i) changes.next(ui.frame([] { panel(5); }));
    const PixelRegions moved = changes.next(ui.frame([] { panel(5, ImVec2(20, 200)); }));
    CHECK(moved.covers(PixelRect{20, 380, 320, 460}));
    CHECK(moved.covers(PixelRect{20, 200, 320, 280}));
    CHECK(moved.bounds().x1 <= 330);  // the panel on the right is untouched
    const PixelRegions gone = changes.next(ui.frame([] { panel(5, ImVec2(20, 200), false); }));
    CHECK(gone.covers(PixelRect{20, 200, 320, 280}));
    CHECK(gone.bounds().x1 <= 330);
    // Another display size: all of it.
    ImGui::GetIO().DisplaySize = ImVec2(kW, kH - 40);
    CHECK(changes.next(ui.frame([] { panel(5); })).covers(PixelRect{0, 0, kW, kH - 40}));
}

TEST_CASE("draw data cut to regions: each command once per region it reaches, clipped to it, then restored") {
    Interface ui;
    ImDrawData& data = ui.frame([] { panel(7); });
    std::vector<std::vector<ImVec4>> before;
    for (int i = 0; i < data.CmdListsCount; ++i) {
        before.emplace_back();
        for (const ImDrawCmd& c : data.CmdLists[i]->CmdBuffer) before.back().push_back(c.ClipRect);
    }
    PixelRegions regions;
    regions.add(PixelRect{410, 30, 520, 60});
    regions.add(PixelRect{0, 390, 100, 400});
    regions.add(PixelRect{600, 0, 640, 5});
    {
        const render::DrawnWithin cut(data, regions);
        int pieces = 0;
        for (int i = 0; i < data.CmdListsCount; ++i)
            for (const ImDrawCmd& c : data.CmdLists[i]->CmdBuffer) {
                if (c.UserCallback) continue;
                ++pieces;
                const PixelRect scissor = render::backendScissor(c.ClipRect, kW, kH);
                CHECK_FALSE(scissor.empty());
                bool inOne = false;
                for (const PixelRect& r : regions.rects())
                    inOne = inOne || (scissor.x0 >= r.x0 && scissor.y0 >= r.y0 && scissor.x1 <= r.x1 && scissor.y1 <= r.y1);
                CHECK(inOne);
            }
        CHECK(pieces > 0);
    }
    for (int i = 0; i < data.CmdListsCount; ++i) {
        const ImVector<ImDrawCmd>& cmds = data.CmdLists[i]->CmdBuffer;
        REQUIRE(static_cast<std::size_t>(cmds.Size) == before[static_cast<std::size_t>(i)].size());
        for (int k = 0; k < cmds.Size; ++k) {
            const ImVec4 a = cmds[k].ClipRect, b = before[static_cast<std::size_t>(i)][static_cast<std::size_t>(k)];
            CHECK((a.x == b.x && a.y == b.y && a.z == b.z && a.w == b.w));
        }
    }
}

TEST_CASE("the backend's scissor: clamped to the framebuffer, then truncated") {
    const PixelRect s = render::backendScissor(ImVec4(10.5f, -3.0f, 100.7f, 50.2f), kW, kH);
    CHECK((s.x0 == 10 && s.y0 == 0 && s.x1 == 100 && s.y1 == 50));
    CHECK(render::backendScissor(ImVec4(700, 10, 800, 20), kW, kH).empty());
    const PixelRect edge = render::backendScissor(ImVec4(600.5f, 0, 700, 480), kW, kH);
    CHECK((edge.x0 == 600 && edge.x1 == 639));  // 39.5 wide, truncated
}
