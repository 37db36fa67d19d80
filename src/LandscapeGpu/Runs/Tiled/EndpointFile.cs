using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>Endpoints as .npy [h, w, 2] in the run's own precision, as <c>endpoints.npy</c> of a small run holds them.</summary>
public static class EndpointFile
{
    /// <summary>Writes the first <paramref name="count"/> endpoints of a tile.</summary>
    public static void Write(Stream stream, double[] endX, double[] endY, int count, TileSpec tile, Precision precision)
    {
        ArgumentNullException.ThrowIfNull(endX);
        ArgumentNullException.ThrowIfNull(endY);
        if (precision == Precision.F32)
        {
            var pairs = new float[2 * count];
            for (int i = 0; i < count; i++)
            {
                pairs[2 * i] = (float)endX[i];
                pairs[2 * i + 1] = (float)endY[i];
            }

            NpyWriter.Write<float>(stream, pairs, tile.Height, tile.Width, 2);
        }
        else
        {
            var pairs = new double[2 * count];
            for (int i = 0; i < count; i++)
            {
                pairs[2 * i] = endX[i];
                pairs[2 * i + 1] = endY[i];
            }

            NpyWriter.Write<double>(stream, pairs, tile.Height, tile.Width, 2);
        }
    }

    /// <summary>Reads endpoints back as x and y in float64 (float32 values widen exactly).</summary>
    public static (double[] X, double[] Y) Read(string path, Precision precision)
    {
        double[] values = precision == Precision.F32
            ? Array.ConvertAll(NpyReader.Read<float>(path).Data, v => (double)v)
            : NpyReader.Read<double>(path).Data;
        var x = new double[values.Length / 2];
        var y = new double[values.Length / 2];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = values[2 * i];
            y[i] = values[2 * i + 1];
        }

        return (x, y);
    }
}
