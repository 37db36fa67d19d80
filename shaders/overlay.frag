#version 330 core
// White shapes with a black outline, visible on every basin colour: a ring marks a minimum, a cross a saddle,
// a square any other stationary point, a dot one step of a descent path; lines are plain.
flat in int shape;
out vec4 colour;

uniform vec3 lineColour;

void main()
{
    if (shape == 4)
    {
        colour = vec4(lineColour, 1.0);
        return;
    }

    vec2 p = gl_PointCoord * 2.0 - 1.0;
    float inner, outer;
    if (shape == 0)
    {
        float r = length(p);
        inner = abs(r - 0.7) - 0.1;
        outer = abs(r - 0.7) - 0.25;
    }
    else if (shape == 1)
    {
        float d = min(abs(p.x - p.y), abs(p.x + p.y)) * 0.7071 + max(0.0, max(abs(p.x), abs(p.y)) - 0.85);
        inner = d - 0.1;
        outer = d - 0.22;
    }
    else if (shape == 2)
    {
        float m = max(abs(p.x), abs(p.y));
        inner = abs(m - 0.7) - 0.1;
        outer = abs(m - 0.7) - 0.25;
    }
    else
    {
        float r = length(p);
        inner = r - 0.5;
        outer = r - 0.95;
    }

    if (inner <= 0.0)
    {
        colour = vec4(1.0);
    }
    else if (outer <= 0.0)
    {
        colour = vec4(0.0, 0.0, 0.0, 1.0);
    }
    else
    {
        discard;
    }
}
