#include "render/gpu_surface.h"


namespace pinpoint::render {

namespace {

template <class T>
Buffer uploadVector(const Context& context, const std::vector<T>& data) {
    return uploadBuffer(context, data.data(), data.size() * sizeof(T), vk::BufferUsageFlagBits::eStorageBuffer);
}

}  // namespace

GpuSurface::GpuSurface(const Context& context, const HeadSurface& surface)
    : GpuSurface(context, surface, packSurface(surface)) {}

GpuSurface::GpuSurface(const Context& context, const HeadSurface& surface, const SurfaceData& data)
    : meshVertexCount_(surface.mesh->vertexCount()),
      sampleCount_(data.sampleCount),
      indexCount_(static_cast<std::uint32_t>(data.indices.size())),
      clusters_(data.clusters),
      eyes_(data.eyes),
      clipBelowY_(data.clipBelowY),
      areas_(surface.areas),
      vertices_(uploadVector(context, data.vertices)),
      indices_(uploadBuffer(context, data.indices.data(), data.indices.size() * sizeof(std::uint32_t),
                            vk::BufferUsageFlagBits::eIndexBuffer)),
      triangles_(uploadVector(context, data.triangles)) {}

}  // namespace pinpoint::render
