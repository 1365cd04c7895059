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
    const uvec4 cut = triangleSamples[t];
    const bool roller = frame.areaDensity[area].z > 0.5;
    const uint first = roller ? cut.z : cut.x;
    const uint n = roller ? cut.w : cut.y;
    if (n == 0u) return perVertex;
    const vec3 a = vertices[indices[3u * t]].position.xyz;
    const vec3 ab = vertices[indices[3u * t + 1u]].position.xyz - a;
    const vec3 ac = vertices[indices[3u * t + 2u]].position.xyz - a;
    const vec3 ap = p - a;
    const float bb = dot(ab, ab), bc = dot(ab, ac), cc = dot(ac, ac), pb = dot(ap, ab), pc = dot(ap, ac);
    const float det = max(bb * cc - bc * bc, 1e-12);
    const vec2 barycentric = vec2(cc * pb - bc * pc, bb * pc - bc * pb) / det;
    return sampleDensity[first + subTriangle(n, barycentric)];
}
