using Silk.NET.OpenGL;

namespace LandscapeGpu.Rendering.Gl;

/// <summary>
/// A picture composited over what is drawn (shaders/image.frag): premultiplied RGBA bytes, rows top-down, drawn one
/// texel per pixel into a rectangle of the bound framebuffer. The view draws its axes, legend and hover panel this way.
/// Use it on the thread where its context is current.
/// </summary>
public sealed class OverlayImage : IDisposable
{
    private readonly GL gl;
    private readonly ShaderProgram program;
    private readonly uint texture;
    private readonly uint emptyVertexArray;

    /// <summary>Builds the program from <paramref name="shaderDirectory"/> (default: shaders/ beside the program).</summary>
    public OverlayImage(GL gl, string? shaderDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(gl);
        this.gl = gl;
        string directory = shaderDirectory ?? BasinRenderer.DefaultShaderDirectory;
        program = new ShaderProgram(gl, Path.Combine(directory, "fullscreen.vert"), [Path.Combine(directory, "image.frag")], ["image"]);
        program.Use();
        program.Set("image", 0);
        texture = gl.GenTexture();
        gl.BindTexture(TextureTarget.Texture2D, texture);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, (int)TextureMinFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, (int)TextureMagFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)TextureWrapMode.ClampToEdge);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)TextureWrapMode.ClampToEdge);
        emptyVertexArray = gl.GenVertexArray();
    }

    /// <summary>Width of the uploaded picture in pixels (0 before the first upload).</summary>
    public int Width { get; private set; }

    /// <summary>Height of the uploaded picture in pixels.</summary>
    public int Height { get; private set; }

    /// <summary>Uploads a <paramref name="width"/> x <paramref name="height"/> picture of premultiplied RGBA bytes, top row first.</summary>
    public unsafe void Upload(ReadOnlySpan<byte> rgba, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        if (rgba.Length != 4L * width * height)
        {
            throw new ArgumentException($"a {width}x{height} RGBA picture holds {4L * width * height} bytes; got {rgba.Length}", nameof(rgba));
        }

        gl.BindTexture(TextureTarget.Texture2D, texture);
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 4);
        fixed (byte* data = rgba)
        {
            gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.Rgba8, (uint)width, (uint)height, 0, PixelFormat.Rgba, PixelType.UnsignedByte, data);
        }

        Width = width;
        Height = height;
    }

    /// <summary>
    /// Blends the picture over the bound framebuffer with its top-left corner at pixel (<paramref name="left"/>,
    /// <paramref name="top"/>) counted from the top-left of a framebuffer <paramref name="framebufferHeight"/> pixels tall.
    /// </summary>
    public void Draw(int left, int top, int framebufferHeight)
    {
        if (Width == 0)
        {
            return;
        }

        gl.Viewport(left, framebufferHeight - top - Height, (uint)Width, (uint)Height);
        gl.Enable(EnableCap.Blend);
        gl.BlendFunc(BlendingFactor.One, BlendingFactor.OneMinusSrcAlpha);
        gl.ActiveTexture(TextureUnit.Texture0);
        gl.BindTexture(TextureTarget.Texture2D, texture);
        program.Use();
        gl.BindVertexArray(emptyVertexArray);
        gl.DrawArrays(PrimitiveType.Triangles, 0, 3);
        gl.Disable(EnableCap.Blend);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        gl.DeleteVertexArray(emptyVertexArray);
        gl.DeleteTexture(texture);
        program.Dispose();
    }
}
