// The heatmap at the needles' scale: each pixel of a treatment zone takes the density of the point
// (src/core/coverage/skin_samples.h) whose sub-triangle holds it, the point the score counts that skin
// at, so a bare band narrower than the mesh's triangles reads bare all along. Needs surface_interface.glsl.

// Which of a triangle's n x n sub-triangles holds the barycentric point `b` (the weights of corners b
// and c). The same rule as core::subTriangle in src/core/coverage/skin_samples.cpp, which lays the
// points and counts the punctures: the two must stay equal (tests/render/sample_heatmap_test.cpp
// draws a pattern of points and checks every point's pixel shows its own point's colour).
uint subTriangle(uint n, vec2 b) {
    const float fn = float(n);
    const float u = clamp(b.x, 0.0, 1.0) * fn, v = clamp(b.y, 0.0, 1.0) * fn;
    const uint i = min(uint(u), n - 1u);
    const uint j = min(uint(v), n - 1u - i);
    const bool inverted = u - float(i) + v - float(j) > 1.0 && i + j + 2u <= n;
    return inverted ? n * (n + 1u) / 2u + i * (n - 1u) - i * (i - 1u) / 2u + j : i * n - i * (i - 1u) / 2u + j;
}

// The density drawn at model-space point `p` of the triangle being drawn, in area `area`: its point's,
// at the scale of the device the area is measured as; `perVertex` on skin without points.
float sampledDensity(uint area, vec3 p, float perVertex) {
    const uint t = draw.firstTriangle + uint(gl_PrimitiveID);
    const uvec4 cut = triangles[t].points;
    const bool roller = frame.areaDensity[area].z > 0.5;
    const uint first = roller ? cut.z : cut.x;
    const uint n = roller ? cut.w : cut.y;
    if (n == 0u) return perVertex;
    const vec4 at = vec4(p, 1.0);
    return sampleDensity[first + subTriangle(n, vec2(dot(triangles[t].toU, at), dot(triangles[t].toV, at)))];
}
