#version 330 core
// Shared by basins.frag and curve.frag (linked into both programs as a second fragment shader). Colours of attractor ids: the first
// entries come from BasinPalette.Fixed (uploaded as a uniform), later ids step the hue by the golden angle,
// exactly as BasinPalette.ForId does on the CPU.
uniform vec3 palette[16];
uniform int paletteCount;
uniform vec3 divergedColour;
uniform vec3 unconvergedColour;
// A flat colour per id (MapLayer.ClassColours: a map coloured by loss): texel (id, 0..2) holds its red, green and blue
// in [0, 1]. classColourCount 0: the palette above.
uniform sampler2D classColours;
uniform int classColourCount;

vec3 fromHsv(float hue, float saturation, float value)
{
    float h = hue * 6.0;
    int sector = int(h) % 6;
    float f = h - floor(h);
    float p = value * (1.0 - saturation);
    float q = value * (1.0 - f * saturation);
    float t = value * (1.0 - (1.0 - f) * saturation);
    vec3 rgb = sector == 0 ? vec3(value, t, p)
             : sector == 1 ? vec3(q, value, p)
             : sector == 2 ? vec3(p, value, t)
             : sector == 3 ? vec3(p, q, value)
             : sector == 4 ? vec3(t, p, value)
             : vec3(value, p, q);
    return floor(rgb * 255.0) / 255.0;
}

vec3 basinColour(int id)
{
    if (id == -1) return divergedColour;
    if (id < 0) return unconvergedColour;
    if (classColourCount > 0)
    {
        return vec3(texelFetch(classColours, ivec2(id, 0), 0).r, texelFetch(classColours, ivec2(id, 1), 0).r, texelFetch(classColours, ivec2(id, 2), 0).r);
    }
    if (id < paletteCount) return palette[id];
    return fromHsv(fract(float(id) * 0.618033988749895), 0.65, 0.9);
}
