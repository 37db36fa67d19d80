using LandscapeGpu.Descents;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Metrics;

/// <summary>
/// The metrics of a run directory on disk: an untiled run's <c>basins.npy</c>, or a finished tiled run's tiles read
/// one band of tiles at a time (memory bounded by a band, not the grid). Both give the same bits for the same ids.
/// </summary>
public static class RunMetrics
{
    /// <summary>The metrics of the run in <paramref name="path"/>, with entropy boxes of <paramref name="boxSide"/>.</summary>
    /// <exception cref="IOException">The directory holds no finished run.</exception>
    /// <exception cref="InvalidParameterException">The box side does not fit the grid.</exception>
    public static BasinMetrics Of(string path, int boxSide = BasinMetrics.DefaultBoxSide)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!Directory.Exists(path))
        {
            throw new IOException($"run directory '{path}' does not exist");
        }

        if (File.Exists(Path.Combine(path, RunDirectory.ManifestName)))
        {
            return OfTiles(RunDirectory.OpenExisting(path), boxSide);
        }

        string ids = Path.Combine(path, "basins.npy");
        if (!File.Exists(ids))
        {
            throw new IOException($"'{path}' holds no run: it has neither basins.npy nor {RunDirectory.ManifestName}");
        }

        (int[] labels, int[] shape) = NpyReader.Read<int>(ids);
        if (shape.Length != 2)
        {
            throw new InvalidDataException($"'{ids}' holds a {shape.Length}-D array, not int32 [H, W]");
        }

        return BasinMetrics.Of(labels, shape[1], shape[0], boxSide);
    }

    /// <summary>The metrics of a finished tiled run, read one band of tiles at a time.</summary>
    /// <exception cref="RunConflictException">A tile's global ids are missing: the run (or this shard) is not finished.</exception>
    public static BasinMetrics OfTiles(RunDirectory directory, int boxSide = BasinMetrics.DefaultBoxSide)
    {
        ArgumentNullException.ThrowIfNull(directory);
        TileLayout layout = directory.Layout;
        int width = layout.Grid.Width;
        var accumulator = new BasinMetricsAccumulator(width, layout.Grid.Height, boxSide);
        int[]? band = null;
        for (int tileRow = 0; tileRow < layout.Rows; tileRow++)
        {
            int bandHeight = layout[tileRow * layout.Columns].Height;
            band ??= new int[width * bandHeight];
            for (int column = 0; column < layout.Columns; column++)
            {
                int index = tileRow * layout.Columns + column;
                string file = directory.FileOf(index, "basins.npy");
                if (!File.Exists(file))
                {
                    throw new RunConflictException($"'{directory.Path}' is not a finished run: tile {layout.StemOf(index)} has no global ids " +
                        "(finish it with 'landscape map ... {resume}', or merge its shards first)");
                }

                TileSpec tile = layout[index];
                (int[] ids, int[] shape) = NpyReader.Read<int>(file);
                if (shape.Length != 2 || shape[0] != tile.Height || shape[1] != tile.Width)
                {
                    throw new InvalidDataException($"'{file}' holds [{string.Join(", ", shape)}], not the tile's [{tile.Height}, {tile.Width}]");
                }

                for (int row = 0; row < tile.Height; row++)
                {
                    ids.AsSpan(row * tile.Width, tile.Width).CopyTo(band.AsSpan(row * width + tile.X));
                }
            }

            accumulator.AddRows(band.AsMemory(0, width * bandHeight));
        }

        return accumulator.Result();
    }
}
