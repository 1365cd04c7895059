#include "core/coverage/vertex_density.h"

namespace pinpoint::core {

std::vector<float> vertexDensity(const SurfaceMesh& mesh, const std::vector<double>& densityPerTriangle) {
    std::vector<double> sum(mesh.vertexCount(), 0.0), weight(mesh.vertexCount(), 0.0);
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        const double a = triangleAreaMm2(mesh, t), d = densityPerTriangle[t];
        for (std::uint32_t v : {mesh.triangles[t].a, mesh.triangles[t].b, mesh.triangles[t].c}) {
            sum[v] += a * d;
            weight[v] += a;
        }
    }
    std::vector<float> out(mesh.vertexCount(), 0.0f);
    for (std::size_t v = 0; v < out.size(); ++v) out[v] = weight[v] > 0.0 ? static_cast<float>(sum[v] / weight[v]) : 0.0f;
    return out;
}

}  // namespace pinpoint::core
