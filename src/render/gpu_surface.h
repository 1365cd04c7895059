#pragma once
// The head surface on the GPU: vertices, indices and per-triangle data uploaded once to device-local
// memory, and the per-vertex density in host-visible memory, rewritten only when it changes.
#include "render/gpu_buffer.h"
#include "render/surface_data.h"

#include <optional>

namespace pinpoint::render {

class GpuSurface {
public:
    GpuSurface(const Context& context, const HeadSurface& surface);

    // Copies `density` (one value per vertex; empty: all zero) when `revision` differs from the last
    // one seen. Call only while no submitted frame still reads the density buffer.
    void updateDensity(std::span<const float> density, std::uint64_t revision);

    std::uint32_t indexCount() const { return indexCount_; }  // 3 per triangle
    std::size_t vertexCount() const { return vertexCount_; }
    const std::array<EyeBall, 2>& eyes() const { return eyes_; }
    float clipBelowY() const { return clipBelowY_; }
    const std::vector<AreaStyle>& areas() const { return areas_; }

    vk::Buffer vertices() const { return vertices_.handle(); }
    vk::Buffer indices() const { return indices_.handle(); }
    vk::Buffer triangles() const { return triangles_.handle(); }
    vk::Buffer density() const { return density_.handle(); }

private:
    GpuSurface(const Context& context, const HeadSurface& surface, const SurfaceData& data);

    std::size_t vertexCount_;
    std::uint32_t indexCount_;
    std::array<EyeBall, 2> eyes_;
    float clipBelowY_;
    std::vector<AreaStyle> areas_;
    Buffer vertices_;
    Buffer indices_;
    Buffer triangles_;
    Buffer density_;
    std::optional<std::uint64_t> densityRevision_;
};

}  // namespace pinpoint::render
