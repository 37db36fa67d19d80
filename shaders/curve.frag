#version 330 core
// A 1-D landscape: the cost curve over the visible x range, the area under it tinted by the basin each start
// reaches, and a strip along the bottom (the W axis) in full basin colours.
in vec2 uv;
out vec4 colour;

uniform isampler2D basins;      // r: attractor id, g: steps; one row
uniform sampler2D field;        // the loss at each start; one row
uniform vec4 viewToData;        // as in basins.frag; only x is used
uniform float logSlowest;
uniform float shading;
uniform float stripHeight;      // fraction of the height taken by the W-axis strip
uniform vec2 curveRange;        // the loss at the bottom and at the top of the plot
uniform float plotPixels;       // height of the plot in pixels
uniform vec3 background;

vec3 basinColour(int id);

void main()
{
    float x = uv.x * viewToData.x + viewToData.z;
    if (x < 0.0 || x >= 1.0)
    {
        colour = vec4(background, 1.0);
        return;
    }

    int size = textureSize(basins, 0).x;
    ivec2 cell = texelFetch(basins, ivec2(min(int(x * float(size)), size - 1), 0), 0).rg;
    vec3 rgb = basinColour(cell.r);
    if (cell.r >= 0)
    {
        rgb *= 1.0 - shading * log(1.0 + float(cell.g)) / logSlowest;
    }

    if (uv.y < stripHeight)
    {
        colour = vec4(rgb, 1.0);
        return;
    }

    float plot = (uv.y - stripHeight) / (1.0 - stripHeight);
    float loss = texture(field, vec2(x, 0.5)).r;
    float curve = (loss - curveRange.x) / (curveRange.y - curveRange.x);
    float distance = abs(plot - curve) * plotPixels;
    float slope = fwidth(curve) * plotPixels;
    if (distance < 1.5 + 0.5 * slope)
    {
        colour = vec4(vec3(0.1), 1.0);
    }
    else
    {
        colour = vec4(plot < curve ? mix(rgb, vec3(1.0), 0.7) : background, 1.0);
    }
}
