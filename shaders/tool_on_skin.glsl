// Where the tool meets the skin, drawn on the skin itself so it shows from every side and through
// the tool: the footprint (a disc the size of the cartridge's needle field, or the roller drum's
// contact strip) coloured by its state, and a soft shadow of the tool that closes in on the tip as the
// tool comes down to the skin (the contact cue). Included by tool_on_skin.frag after the interface.

// The footprint's coverage at skin point p (0 outside, its edge 1, its inside a light fill).
float footprintCoverage(vec3 p, float mmPerPixel) {
    const float radius = frame.toolTip.w;
    if (radius <= 0.0) return 0.0;
    const vec3 axis = frame.toolAxis.xyz;
    const vec3 v = p - frame.toolTip.xyz;
    const float along = dot(v, axis);
    if (abs(along) > 4.0) return 0.0;  // only the skin at the tip, not the back of the head
    // Bounded: on skin seen edge-on a pixel spans many millimetres, and the footprint must not smear.
    const float aa = clamp(mmPerPixel, 0.02, 0.4);
    const float edgeWidth = clamp(1.6 * mmPerPixel, 0.25, 0.6);
    float outside;  // signed distance (mm) from the footprint's edge, negative inside
    if (frame.toolAcross.w > 0.0) {
        // Roller: a strip along the drum's axle, as wide as the drum, a millimetre each side of the contact line.
        const vec3 across = frame.toolAcross.xyz;
        const vec3 rolling = normalize(cross(across, axis));
        const vec2 q = abs(vec2(dot(v, across), dot(v, rolling))) - vec2(frame.toolAcross.w, 1.0);
        outside = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0);
    } else {
        outside = length(v - along * axis) - radius;
    }
    if (outside > 1.5) return 0.0;
    const float edge = 1.0 - smoothstep(edgeWidth - aa, edgeWidth + aa, abs(outside));
    const float inside = 1.0 - smoothstep(-aa, aa, outside);
    return max(edge, 0.22 * inside);
}

// How much of the key light the tool takes from skin point p (0 none .. 0.6): the tool's shaft as a
// capsule from the tip back along the axis, its shadow softening with distance from the shaft.
float toolShadow(vec3 p) {
    if (frame.toolTip.w <= 0.0) return 0.0;
    const vec3 tip = frame.toolTip.xyz;
    const float reach = frame.toolColour.w;  // the frame's damage box reaches this far around the tip
    if (distance(p, tip) > reach) return 0.0;
    const vec3 axis = frame.toolAxis.xyz;
    const vec3 a = tip - frame.toolAxis.w * axis;  // the tool's face, lifted above the skin
    const vec3 b = a - 30.0 * axis;
    const vec3 l = frame.lightDirection[0].xyz;
    // Closest approach between the ray p + t l (t > 0) and the segment a-b.
    const vec3 d = b - a, w = p - a;
    const float dd = dot(d, d), dl = dot(d, l), wd = dot(w, d), wl = dot(w, l);
    const float denom = max(dd - dl * dl, 1e-4);
    float s = clamp((wd - wl * dl) / denom, 0.0, 1.0);
    const float t = max(dot(a + s * d - p, l), 0.0);
    s = clamp(dot(p + t * l - a, d) / dd, 0.0, 1.0);
    const float gap = distance(p + t * l, a + s * d);
    const float radius = frame.toolTip.w + 1.5;
    const float soft = 0.6 + 0.12 * t;  // the penumbra widens away from the shaft
    const float fade = 1.0 - smoothstep(0.55 * reach, reach, distance(p, tip));
    return 0.6 * (1.0 - smoothstep(radius - soft, radius + soft, gap)) * fade;
}

vec3 footprintColour() { return frame.toolColour.rgb; }
