using LandscapeGpu.Descents;
using LandscapeGpu.Metrics;

namespace LandscapeGpu.Runs;

/// <summary>Writes a map's data files: summary.json, basins.npy, steps.npy, endpoints.npy, valleyPosition.npy.</summary>
public static class RunFiles
{
    /// <summary>Writes the data files of <paramref name="map"/> and its <paramref name="metrics"/> through <paramref name="outputs"/> (not yet committed).</summary>
    public static void Write(AtomicOutputs outputs, BasinMap map, BasinMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(map);
        int width = map.Grid.Width, height = map.Grid.Height;
        outputs.Write("summary.json", stream => SummaryWriter.Write(stream, map, metrics));
        outputs.Write("basins.npy", stream => NpyWriter.Write<int>(stream, map.Ids, height, width));
        outputs.Write("steps.npy", stream => NpyWriter.Write<int>(stream, map.Steps, height, width));
        outputs.Write("endpoints.npy", stream => WriteEndpoints(stream, map));
        outputs.Write("valleyPosition.npy", stream => NpyWriter.Write<float>(stream, map.ValleyPositions, height, width));
    }

    // [H, W, 2] in the run's own precision: float32 values are exactly the descents' endpoints.
    private static void WriteEndpoints(Stream stream, BasinMap map)
    {
        int count = map.Ids.Length;
        if (map.Problem.Precision == Precision.F32)
        {
            var pairs = new float[2 * count];
            for (int i = 0; i < count; i++)
            {
                pairs[2 * i] = (float)map.EndX[i];
                pairs[2 * i + 1] = (float)map.EndY[i];
            }

            NpyWriter.Write<float>(stream, pairs, map.Grid.Height, map.Grid.Width, 2);
        }
        else
        {
            var pairs = new double[2 * count];
            for (int i = 0; i < count; i++)
            {
                pairs[2 * i] = map.EndX[i];
                pairs[2 * i + 1] = map.EndY[i];
            }

            NpyWriter.Write<double>(stream, pairs, map.Grid.Height, map.Grid.Width, 2);
        }
    }
}
