#version 330 core
// The 2-D basin map: each start in its attractor's colour, darker where it took more steps (or, in a valley's
// basin, on a light-to-dark ramp of the colour by position along the valley), optional contour lines of the loss. The data texture covers the data box; the view may show another box.
in vec2 uv;
out vec4 colour;

uniform isampler2D basins;      // r: attractor id (-1 diverged, -2 not converged), g: steps taken
uniform sampler2D field;        // the loss at each start
uniform vec4 viewToData;        // data coordinate = uv * viewToData.xy + viewToData.zw; [0,1) inside the data
uniform float logSlowest;       // log(1 + the most steps any converged start took)
uniform float shading;          // 0: flat colours; otherwise how much darker the slowest start is
uniform int contours;           // draw contour lines of the loss?
uniform float contourSpacing;   // spacing of the lines in log(1 + loss - fieldMinimum)
uniform float fieldMinimum;
uniform vec3 background;
uniform sampler2D ramp;         // per start its position along its valley in [0, 1]; -1 where it has none
uniform int ramps;              // does the layer have ramp positions?
uniform float rampLightening;   // how far towards white a ramp's position 0 lies (MapRaster.RampLightening)
uniform float rampDarkening;    // how much darker than the colour its position 1 is (MapRaster.RampDarkening)

vec3 basinColour(int id);

void main()
{
    vec2 data = uv * viewToData.xy + viewToData.zw;
    if (any(lessThan(data, vec2(0.0))) || any(greaterThanEqual(data, vec2(1.0))))
    {
        colour = vec4(background, 1.0);
        return;
    }

    ivec2 size = textureSize(basins, 0);
    ivec2 texel = min(ivec2(data * vec2(size)), size - 1);
    ivec2 cell = texelFetch(basins, texel, 0).rg;
    vec3 rgb = basinColour(cell.r);
    float position = ramps != 0 && cell.r >= 0 ? texelFetch(ramp, texel, 0).r : -1.0;
    if (position >= 0.0)
    {
        // Light to the colour itself over the first half, the colour to dark over the second (MapRaster.RampColourOf).
        vec3 light = rgb + rampLightening * (1.0 - rgb);
        vec3 dark = rgb * (1.0 - rampDarkening);
        rgb = position < 0.5 ? mix(light, rgb, 2.0 * position) : mix(rgb, dark, 2.0 * position - 1.0);
    }
    else if (cell.r >= 0)
    {
        rgb *= 1.0 - shading * log(1.0 + float(cell.g)) / logSlowest;
    }

    if (contours != 0)
    {
        float level = log(1.0 + max(texture(field, data).r - fieldMinimum, 0.0)) / contourSpacing;
        float distance = abs(fract(level + 0.5) - 0.5) / max(fwidth(level), 1e-6);
        rgb = mix(rgb, vec3(1.0), 0.65 * (1.0 - smoothstep(0.5, 1.5, distance)));
    }

    colour = vec4(rgb, 1.0);
}
