using LandscapeGpu.Rendering.Cpu;
using Silk.NET.OpenGL;

namespace LandscapeGpu.Rendering.Gl;

/// <summary>A framebuffer object with one RGBA8 colour buffer: where headless rendering draws.</summary>
public sealed class OffscreenTarget : IDisposable
{
    private readonly GL gl;
    private readonly uint framebuffer;
    private readonly uint colour;

    /// <summary>Creates a <paramref name="width"/> x <paramref name="height"/> target.</summary>
    public OffscreenTarget(GL gl, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(gl);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        this.gl = gl;
        Width = width;
        Height = height;
        framebuffer = gl.GenFramebuffer();
        colour = gl.GenRenderbuffer();
        gl.BindRenderbuffer(RenderbufferTarget.Renderbuffer, colour);
        gl.RenderbufferStorage(RenderbufferTarget.Renderbuffer, InternalFormat.Rgba8, (uint)width, (uint)height);
        gl.BindFramebuffer(FramebufferTarget.Framebuffer, framebuffer);
        gl.FramebufferRenderbuffer(FramebufferTarget.Framebuffer, FramebufferAttachment.ColorAttachment0, RenderbufferTarget.Renderbuffer, colour);
        GLEnum status = gl.CheckFramebufferStatus(FramebufferTarget.Framebuffer);
        if (status != GLEnum.FramebufferComplete)
        {
            Dispose();
            throw new InvalidOperationException($"the {width}x{height} RGBA8 framebuffer is incomplete: {status}");
        }
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Directs drawing here.</summary>
    public void Bind() => gl.BindFramebuffer(FramebufferTarget.Framebuffer, framebuffer);

    /// <summary>Reads the pixels back, top row first.</summary>
    public RgbImage Read()
    {
        Bind();
        return FramebufferReader.Read(gl, Width, Height);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        gl.DeleteFramebuffer(framebuffer);
        gl.DeleteRenderbuffer(colour);
    }
}
