#version 330 core
// A picture drawn over the map (the view's axes, legend and hover panel): premultiplied RGBA, rows top-down as
// SkiaSharp draws them, one texel per pixel of the viewport it is drawn into; blended with (1, 1 - alpha).
in vec2 uv;
out vec4 colour;

uniform sampler2D image;

void main()
{
    colour = texture(image, vec2(uv.x, 1.0 - uv.y));
}
