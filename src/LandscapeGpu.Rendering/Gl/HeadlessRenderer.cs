using LandscapeGpu.Rendering.Cpu;

namespace LandscapeGpu.Rendering.Gl;

/// <summary>One image drawn with no window: an EGL context, a framebuffer object, the <see cref="BasinRenderer"/>.</summary>
public static class HeadlessRenderer
{
    /// <summary>Draws <paramref name="layer"/> with <paramref name="style"/> at <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    /// <exception cref="GlUnavailableException">No headless OpenGL is available.</exception>
    public static RgbImage Render(MapLayer layer, FrameStyle style, int width, int height)
    {
        using HeadlessGlContext context = HeadlessGlContext.Create();
        using var renderer = new BasinRenderer(context.Gl);
        using var target = new OffscreenTarget(context.Gl, width, height);
        renderer.Upload(layer);
        target.Bind();
        renderer.Draw(style, width, height);
        return target.Read();
    }
}
