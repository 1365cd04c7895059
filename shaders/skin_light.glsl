// The diffuse light on the skin, per vertex (surface.vert): per pixel it cost lavapipe 20% more for a
// full picture and gave nothing visible on 2 mm triangles. Needs surface_interface.glsl first.

vec3 wrapDiffuse(float nDotL, vec3 wrap) {
    return clamp((vec3(nDotL) + wrap) / (1.0 + wrap), 0.0, 1.0);
}

// Light from the hemisphere and the three lights. The wrap (light reaching round under the skin) is
// red-shifted and widens with curvature: scattering shows most where the surface turns within a few
// of the skin's scattering lengths (nose, ears, lips, chin), least on the broad planes of the face.
vec3 diffuseLight(vec3 n, float cavity, float curvature, bool eye) {
    vec3 light = mix(frame.groundColour.rgb, frame.skyColour.rgb, 0.5 + 0.5 * n.y) * cavity * cavity;
    const float scatter = clamp(abs(curvature) * 9.0, 0.0, 1.0);
    const vec3 wrap = eye ? vec3(0.0) : vec3(0.20, 0.11, 0.09) + scatter * vec3(0.22, 0.09, 0.06);
    const float cavityLight = mix(0.3, 1.0, cavity);
    for (int i = 0; i < 3; ++i)
        light += frame.lightColour[i].rgb * wrapDiffuse(dot(n, frame.lightDirection[i].xyz), wrap) * cavityLight;
    return light;
}

