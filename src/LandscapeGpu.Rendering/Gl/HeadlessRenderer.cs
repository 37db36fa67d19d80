using LandscapeGpu.Rendering.Cpu;
using Silk.NET.OpenGL;

namespace LandscapeGpu.Rendering.Gl;

/// <summary>One image drawn with no window: an EGL context, a framebuffer object, the <see cref="BasinRenderer"/>.</summary>
public static class HeadlessRenderer
{
    /// <summary>Draws <paramref name="layer"/> with <paramref name="style"/> at <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    /// <exception cref="GlUnavailableException">No headless OpenGL is available, or the image is larger than it can draw.</exception>
    public static RgbImage Render(MapLayer layer, FrameStyle style, int width, int height)
    {
        using HeadlessGlContext context = HeadlessGlContext.Create();
        int largestTexture = context.Gl.GetInteger(GetPName.MaxTextureSize);
        int largestTarget = context.Gl.GetInteger(GetPName.MaxRenderbufferSize);
        if (Math.Max(layer.Width, layer.Height) > largestTexture || Math.Max(width, height) > largestTarget)
        {
            throw new GlUnavailableException(
                $"a {layer.Width}x{layer.Height} map drawn at {width}x{height} pixels is larger than this OpenGL allows " +
                $"(textures up to {largestTexture}, framebuffers up to {largestTarget} pixels a side)");
        }

        using var renderer = new BasinRenderer(context.Gl);
        using var target = new OffscreenTarget(context.Gl, width, height);
        renderer.Upload(layer);
        target.Bind();
        renderer.Draw(style, width, height);
        return target.Read();
    }
}
