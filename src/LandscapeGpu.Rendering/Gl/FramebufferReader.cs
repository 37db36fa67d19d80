using LandscapeGpu.Rendering.Cpu;
using Silk.NET.OpenGL;

namespace LandscapeGpu.Rendering.Gl;

/// <summary>Reads the bound framebuffer into an <see cref="RgbImage"/>.</summary>
public static class FramebufferReader
{
    /// <summary>Reads <paramref name="width"/> x <paramref name="height"/> pixels from the bound read framebuffer; glReadPixels is bottom-up, the image top-down.</summary>
    public static unsafe RgbImage Read(GL gl, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(gl);
        var rgba = new byte[checked(width * height * 4)];
        gl.PixelStore(PixelStoreParameter.PackAlignment, 1);
        fixed (byte* data = rgba)
        {
            gl.ReadPixels(0, 0, (uint)width, (uint)height, PixelFormat.Rgba, PixelType.UnsignedByte, data);
        }

        var image = new RgbImage(width, height);
        for (int row = 0; row < height; row++)
        {
            int source = (height - 1 - row) * width * 4;
            int target = row * width * 3;
            for (int column = 0; column < width; column++)
            {
                image.Pixels[target + 3 * column] = rgba[source + 4 * column];
                image.Pixels[target + 3 * column + 1] = rgba[source + 4 * column + 1];
                image.Pixels[target + 3 * column + 2] = rgba[source + 4 * column + 2];
            }
        }

        return image;
    }
}
