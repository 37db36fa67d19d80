using LandscapeGpu.Descents;
using LandscapeGpu.Metrics;

namespace LandscapeGpu.Runs;

/// <summary>Writes a map's data files: summary.json, basins.npy, steps.npy, endpoints.npy, valleyPosition.npy.</summary>
public static class RunFiles
{
    /// <summary>
    /// Writes the data files of <paramref name="map"/> and its <paramref name="metrics"/> through <paramref name="outputs"/>
    /// (not yet committed); <paramref name="colorBy"/>, when given, is summary.json's note of what the figure colours the
    /// basins by. <paramref name="bandFiles"/>, when given, already holds steps.npy and endpoints.npy, written during the
    /// run: they are only flushed.
    /// </summary>
    public static void Write(AtomicOutputs outputs, BasinMap map, BasinMetrics? metrics = null, string? colorBy = null, BandFiles? bandFiles = null)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(map);
        int width = map.Grid.Width, height = map.Grid.Height;
        var files = new List<(string Name, Action<Stream> Write)>
        {
            ("basins.npy", stream => NpyWriter.Write<int>(stream, map.Ids, height, width)),
            ("valleyPosition.npy", stream =>
            {
                if (map.HasValleyPositions)
                {
                    NpyWriter.Write<float>(stream, map.ValleyPositions, height, width);
                }
                else
                {
                    NpyWriter.WriteFilled(stream, float.NaN, height, width);
                }
            }),
            ("summary.json", stream => SummaryWriter.Write(stream, map, metrics, colorBy)),
        };
        if (bandFiles is null)
        {
            files.Add((BandFiles.EndpointsName, stream => WriteEndpoints(stream, map)));
            files.Add((BandFiles.StepsName, stream => NpyWriter.Write<int>(stream, map.Steps, height, width)));
        }

        // Side by side: the arrays are large and independent, so their copying into the page cache and their
        // flushing to disk overlap, each written in large blocks from the array it is in.
        Concurrently.Run([.. files.Select(file => (Action)(() => outputs.Write(file.Name, file.Write))), .. bandFiles is null ? [] : new Action[] { bandFiles.Complete }]);
    }

    // [H, W, 2] in the run's own precision: float32 values are exactly the descents' endpoints.
    private static void WriteEndpoints(Stream stream, BasinMap map)
    {
        if (map.Problem.Precision == Precision.F32)
        {
            NpyWriter.WritePairs<float>(stream, map.EndX, map.EndY, map.Grid.Height, map.Grid.Width, 2);
        }
        else
        {
            NpyWriter.WritePairs<double>(stream, map.EndX, map.EndY, map.Grid.Height, map.Grid.Width, 2);
        }
    }
}
