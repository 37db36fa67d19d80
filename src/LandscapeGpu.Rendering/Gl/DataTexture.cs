using Silk.NET.OpenGL;

namespace LandscapeGpu.Rendering.Gl;

/// <summary>
/// A 2-D texture of raw data: two 32-bit integers per texel (RG32I, nearest filtering) or one float (R32F,
/// linear). Integer textures need NEAREST filters: with the default mipmapped filter they read as 0 with no error.
/// </summary>
public sealed class DataTexture : IDisposable
{
    private readonly GL gl;

    private DataTexture(GL gl, int width, int height, bool interpolate = false)
    {
        this.gl = gl;
        Width = width;
        Height = height;
        Handle = gl.GenTexture();
        gl.BindTexture(TextureTarget.Texture2D, Handle);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMinFilter, interpolate ? (int)TextureMinFilter.Linear : (int)TextureMinFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureMagFilter, interpolate ? (int)TextureMagFilter.Linear : (int)TextureMagFilter.Nearest);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapS, (int)TextureWrapMode.ClampToEdge);
        gl.TexParameter(TextureTarget.Texture2D, TextureParameterName.TextureWrapT, (int)TextureWrapMode.ClampToEdge);
        gl.PixelStore(PixelStoreParameter.UnpackAlignment, 4);
    }

    /// <summary>The GL texture name.</summary>
    public uint Handle { get; }

    /// <summary>Texels across.</summary>
    public int Width { get; }

    /// <summary>Texels down (row 0 first in memory: texture coordinate v = 0).</summary>
    public int Height { get; }

    /// <summary>An RG32I texture from interleaved pairs (<paramref name="pairs"/> holds 2 x width x height ints).</summary>
    public static unsafe DataTexture IntegerPairs(GL gl, int width, int height, ReadOnlySpan<int> pairs)
    {
        ArgumentNullException.ThrowIfNull(gl);
        RequireLength(pairs.Length, 2L * width * height);
        var texture = new DataTexture(gl, width, height);
        fixed (int* data = pairs)
        {
            gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.RG32i, (uint)width, (uint)height, 0, PixelFormat.RGInteger, PixelType.Int, data);
        }

        return texture;
    }

    /// <summary>An R32F texture from one float per texel, interpolated linearly between texels (for smooth contours and curves).</summary>
    public static unsafe DataTexture Floats(GL gl, int width, int height, ReadOnlySpan<float> values)
    {
        ArgumentNullException.ThrowIfNull(gl);
        RequireLength(values.Length, (long)width * height);
        var texture = new DataTexture(gl, width, height, interpolate: true);
        fixed (float* data = values)
        {
            gl.TexImage2D(TextureTarget.Texture2D, 0, InternalFormat.R32f, (uint)width, (uint)height, 0, PixelFormat.Red, PixelType.Float, data);
        }

        return texture;
    }

    /// <summary>Binds this texture to texture unit <paramref name="unit"/>.</summary>
    public void Bind(int unit)
    {
        gl.ActiveTexture(TextureUnit.Texture0 + unit);
        gl.BindTexture(TextureTarget.Texture2D, Handle);
    }

    private static void RequireLength(int actual, long expected)
    {
        if (actual != expected)
        {
            throw new ArgumentException($"texture data holds {actual} values; its size needs {expected}");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => gl.DeleteTexture(Handle);
}
