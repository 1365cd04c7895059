#include "render/interface_changes.h"

#include <algorithm>
#include <cmath>

namespace pinpoint::render {

namespace {

bool sameVertex(const ImDrawVert& a, const ImDrawVert& b) {
    return a.pos.x == b.pos.x && a.pos.y == b.pos.y && a.uv.x == b.uv.x && a.uv.y == b.uv.y && a.col == b.col;
}

// The pixels a set of points' triangles can touch: their box, out to whole pixels and one more.
struct PointBox {
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
    void add(const ImVec2& p) {
        x0 = std::min(x0, p.x), y0 = std::min(y0, p.y), x1 = std::max(x1, p.x), y1 = std::max(y1, p.y);
    }
    PixelRect pixels() const {
        if (x0 > x1) return {};
        const auto clampInt = [](float v) { return static_cast<int>(std::clamp(v, -1e6f, 1e6f)); };
        return {clampInt(std::floor(x0)) - 1, clampInt(std::floor(y0)) - 1, clampInt(std::ceil(x1)) + 1,
                clampInt(std::ceil(y1)) + 1};
    }
};

PixelRect allOf(const std::vector<ImDrawVert>& vertices) {
    PointBox box;
    for (const ImDrawVert& v : vertices) box.add(v.pos);
    return box.pixels();
}

}  // namespace

bool InterfaceChanges::Command::operator==(const Command& o) const {
    return clip.x == o.clip.x && clip.y == o.clip.y && clip.z == o.clip.z && clip.w == o.clip.w &&
           texture == o.texture && vertexOffset == o.vertexOffset && indexOffset == o.indexOffset && count == o.count &&
           callback == o.callback;
}

PixelRect backendScissor(const ImVec4& clip, int framebufferWidth, int framebufferHeight) {
    const float x0 = std::max(clip.x, 0.0f), y0 = std::max(clip.y, 0.0f);
    const float x1 = std::min(clip.z, static_cast<float>(framebufferWidth));
    const float y1 = std::min(clip.w, static_cast<float>(framebufferHeight));
    if (x1 <= x0 || y1 <= y0) return {};
    const int left = static_cast<int>(x0), top = static_cast<int>(y0);
    return {left, top, left + static_cast<int>(x1 - x0), top + static_cast<int>(y1 - y0)};
}

InterfaceChanges::List InterfaceChanges::copyOf(const ImDrawList& list) {
    List out;
    out.vertices.assign(list.VtxBuffer.begin(), list.VtxBuffer.end());
    out.indices.assign(list.IdxBuffer.begin(), list.IdxBuffer.end());
    for (const ImDrawCmd& c : list.CmdBuffer)
        out.commands.push_back({c.ClipRect, c.TextureId, c.VtxOffset, c.IdxOffset, c.ElemCount, c.UserCallback});
    return out;
}

void InterfaceChanges::compare(const List& before, const List& now, PixelRegions& changed) const {
    if (before.vertices.size() != now.vertices.size() || before.indices.size() != now.indices.size() ||
        before.commands != now.commands) {
        changed.add(allOf(before.vertices));
        changed.add(allOf(now.vertices));
        return;
    }
    const int width = static_cast<int>(size_.x), height = static_cast<int>(size_.y);
    for (const Command& c : now.commands) {
        if (c.callback != nullptr) continue;
        const PixelRect scissor = backendScissor(c.clip, width, height);
        // Neighbouring triangles that changed (the glyphs of a number, say) make one run.
        PointBox run;
        const auto flush = [&] {
            changed.add(intersect(run.pixels(), scissor));
            run = PointBox{};
        };
        const std::size_t end = std::min<std::size_t>(c.indexOffset + c.count, now.indices.size());
        for (std::size_t t = c.indexOffset; t + 2 < end; t += 3) {
            bool same = true;
            for (std::size_t k = t; k < t + 3 && same; ++k) {
                const std::size_t a = c.vertexOffset + before.indices[k], b = c.vertexOffset + now.indices[k];
                same = before.indices[k] == now.indices[k] && a < before.vertices.size() &&
                       sameVertex(before.vertices[a], now.vertices[b]);
            }
            if (same) {
                flush();
                continue;
            }
            for (std::size_t k = t; k < t + 3; ++k) {
                const std::size_t a = c.vertexOffset + before.indices[k], b = c.vertexOffset + now.indices[k];
                if (a < before.vertices.size()) run.add(before.vertices[a].pos);
                if (b < now.vertices.size()) run.add(now.vertices[b].pos);
            }
        }
        flush();
    }
}

PixelRegions InterfaceChanges::next(const ImDrawData& data) {
    const ImVec2 size = data.DisplaySize, position = data.DisplayPos, scale = data.FramebufferScale;
    const bool oneToOne = position.x == 0.0f && position.y == 0.0f && scale.x == 1.0f && scale.y == 1.0f;
    const bool sameDisplay = known_ && size.x == size_.x && size.y == size_.y && position.x == position_.x &&
                             position.y == position_.y && scale.x == scale_.x && scale.y == scale_.y;
    std::vector<List> now;
    now.reserve(static_cast<std::size_t>(std::max(data.CmdListsCount, 0)));
    for (int i = 0; i < data.CmdListsCount; ++i) now.push_back(copyOf(*data.CmdLists[i]));
    size_ = size, position_ = position, scale_ = scale;
    PixelRegions changed;
    const int width = static_cast<int>(size.x * scale.x), height = static_cast<int>(size.y * scale.y);
    if (!sameDisplay || !oneToOne) {
        changed = PixelRegions::all(width, height);
    } else {
        for (std::size_t i = 0; i < std::max(now.size(), lists_.size()); ++i) {
            if (i >= now.size()) changed.add(allOf(lists_[i].vertices));
            else if (i >= lists_.size()) changed.add(allOf(now[i].vertices));
            else compare(lists_[i], now[i], changed);
        }
    }
    lists_ = std::move(now);
    known_ = true;
    return changed.clampedTo(width, height);
}

DrawnWithin::DrawnWithin(ImDrawData& data, const PixelRegions& regions) : data_(&data) {
    const int width = static_cast<int>(data.DisplaySize.x), height = static_cast<int>(data.DisplaySize.y);
    for (int i = 0; i < data.CmdListsCount; ++i) {
        ImDrawList& list = *data.CmdLists[i];
        ImVector<ImDrawCmd> cut;
        for (const ImDrawCmd& c : list.CmdBuffer) {
            if (c.UserCallback != nullptr) {
                cut.push_back(c);
                continue;
            }
            const PixelRect scissor = backendScissor(c.ClipRect, width, height);
            for (const PixelRect& r : regions.rects()) {
                const PixelRect part = intersect(scissor, r);
                if (part.empty()) continue;
                ImDrawCmd piece = c;
                // Whole pixels: the backend's clamp and truncation give back exactly `part`.
                piece.ClipRect = ImVec4(static_cast<float>(part.x0), static_cast<float>(part.y0),
                                        static_cast<float>(part.x1), static_cast<float>(part.y1));
                cut.push_back(piece);
            }
        }
        kept_.emplace_back();
        kept_.back().swap(list.CmdBuffer);
        list.CmdBuffer.swap(cut);
    }
}

DrawnWithin::~DrawnWithin() {
    for (int i = 0; i < data_->CmdListsCount && static_cast<std::size_t>(i) < kept_.size(); ++i)
        data_->CmdLists[i]->CmdBuffer.swap(kept_[static_cast<std::size_t>(i)]);
}

}  // namespace pinpoint::render
