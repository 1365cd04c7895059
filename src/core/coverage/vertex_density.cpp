#include "core/coverage/vertex_density.h"

namespace pinpoint::core {

double cornerDensity(const PunctureTally& tally, std::size_t triangle, int corner, bool roller) {
    // Just inside the corner, in the sub-triangle that touches it (barycentric (u, v) for corners b, c).
    constexpr float in = 1e-3f;
    static const glm::vec2 corners[3] = {{in, in}, {1.0f - 2.0f * in, in}, {in, 1.0f - 2.0f * in}};
    const std::uint32_t s =
        tally.field().samples(roller).containing(static_cast<std::uint32_t>(triangle), corners[corner]);
    return s == kNoSample ? drawnDensity(tally, triangle, roller) : tally.densityPerCm2(roller, s);
}

std::vector<float> drawnVertexDensity(const SurfaceMesh& mesh, const PunctureTally& tally, const std::vector<char>& rollerPerArea) {
    const DensityField& field = tally.field();
    std::vector<double> sum(mesh.vertexCount(), 0.0), weight(mesh.vertexCount(), 0.0);
    for (std::size_t t = 0; t < mesh.triangleCount(); ++t) {
        const std::uint16_t a = field.areaOf(t);
        const bool roller = a < rollerPerArea.size() && rollerPerArea[a] != 0;
        const double area = triangleAreaMm2(mesh, t);
        const std::uint32_t v[3] = {mesh.triangles[t].a, mesh.triangles[t].b, mesh.triangles[t].c};
        for (int k = 0; k < 3; ++k) {
            sum[v[k]] += area * cornerDensity(tally, t, k, roller);
            weight[v[k]] += area;
        }
    }
    std::vector<float> out(mesh.vertexCount(), 0.0f);
    for (std::size_t v = 0; v < out.size(); ++v) out[v] = weight[v] > 0.0 ? static_cast<float>(sum[v] / weight[v]) : 0.0f;
    return out;
}

DrawnSamples drawnSamples(const PunctureTally& tally, std::vector<char> rollerPerArea) {
    const DensityField& field = tally.field();
    DrawnSamples out;
    out.density.resize(field.samples(false).size() + field.samples(true).size());
    for (const bool roller : {false, true}) {
        const std::uint32_t count = static_cast<std::uint32_t>(field.samples(roller).size());
        for (std::uint32_t s = 0; s < count; ++s)
            out.density[drawnSampleIndex(field, roller, s)] = static_cast<float>(tally.densityPerCm2(roller, s));
    }
    out.roller = std::move(rollerPerArea);
    return out;
}

}  // namespace pinpoint::core
