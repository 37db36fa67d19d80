#version 330 core
// One triangle that covers the viewport. uv runs from (0,0) at the bottom-left to (1,1) at the top-right;
// fragment shaders use it instead of gl_FragCoord, which Mesa 22 drew upside down in an FBO after a window.
out vec2 uv;

void main()
{
    vec2 corner = vec2((gl_VertexID << 1) & 2, gl_VertexID & 2);
    uv = corner;
    gl_Position = vec4(corner * 2.0 - 1.0, 0.0, 1.0);
}
