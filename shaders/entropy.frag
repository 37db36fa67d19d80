#version 330 core
// The basin-entropy overlay, drawn over the map with blending: boxes that hold one outcome are veiled, boxes on a
// basin boundary glow from yellow to red with their entropy (the terms whose mean is Sb), so the uncertain regions
// light up. One texel per box; the texture covers the boxes, which may stop short of the map's right and top edges.
in vec2 uv;
out vec4 colour;

uniform sampler2D entropy;
uniform vec4 viewToData;        // box coordinate = uv * viewToData.xy + viewToData.zw; [0,1) inside the boxes
uniform float largest;          // the entropy drawn at full strength

void main()
{
    vec2 data = uv * viewToData.xy + viewToData.zw;
    if (any(lessThan(data, vec2(0.0))) || any(greaterThanEqual(data, vec2(1.0))))
    {
        discard;
    }

    ivec2 size = textureSize(entropy, 0);
    ivec2 texel = min(ivec2(data * vec2(size)), size - 1);
    float strength = clamp(texelFetch(entropy, texel, 0).r / largest, 0.0, 1.0);
    colour = strength > 0.0
        ? vec4(mix(vec3(1.0, 0.92, 0.25), vec3(0.85, 0.0, 0.0), strength), 0.85)
        : vec4(0.0, 0.0, 0.0, 0.6);
}
