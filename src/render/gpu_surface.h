#pragma once
// The head surface on the GPU: vertices (split where areas meet) and indices uploaded once to
// device-local memory, with each triangle's points (the heatmap at the needles' scale). The densities,
// per mesh vertex and per point, live with each frame in flight (SurfaceRenderer).
#include "render/gpu_buffer.h"
#include "render/surface_data.h"


namespace pinpoint::render {

class GpuSurface {
public:
    GpuSurface(const Context& context, const HeadSurface& surface);

    std::uint32_t indexCount() const { return indexCount_; }  // 3 per triangle
    const std::vector<SurfaceCluster>& clusters() const { return clusters_; }  // skin first, then eyes
    std::size_t meshVertexCount() const { return meshVertexCount_; }  // density values per frame
    std::size_t sampleCount() const { return sampleCount_; }          // point densities per frame
    const std::array<EyeBall, 2>& eyes() const { return eyes_; }
    float clipBelowY() const { return clipBelowY_; }
    const std::vector<AreaStyle>& areas() const { return areas_; }

    vk::Buffer vertices() const { return vertices_.handle(); }
    vk::Buffer indices() const { return indices_.handle(); }
    vk::Buffer triangles() const { return triangles_.handle(); }  // GpuTriangle, in drawing order

private:
    GpuSurface(const Context& context, const HeadSurface& surface, const SurfaceData& data);

    std::size_t meshVertexCount_;
    std::size_t sampleCount_;
    std::uint32_t indexCount_;
    std::vector<SurfaceCluster> clusters_;
    std::array<EyeBall, 2> eyes_;
    float clipBelowY_;
    std::vector<AreaStyle> areas_;
    Buffer vertices_;
    Buffer indices_;
    Buffer triangles_;
};

}  // namespace pinpoint::render
