#version 330 core
// Markers, path dots and path lines, placed by the host in clip coordinates (computed there in float64,
// so deep zooms keep their precision).
layout(location = 0) in vec2 position;
layout(location = 1) in vec2 style;     // x: shape (0 ring, 1 cross, 2 square, 3 dot, 4 line), y: size in pixels
flat out int shape;

void main()
{
    shape = int(style.x + 0.5);
    gl_PointSize = style.y;
    gl_Position = vec4(position, 0.0, 1.0);
}
