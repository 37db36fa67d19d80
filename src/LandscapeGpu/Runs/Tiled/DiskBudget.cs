using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>The disk a tiled run needs, checked before anything is computed.</summary>
public static class DiskBudget
{
    /// <summary>Bytes on disk per start: global ids (4), steps (4) and the endpoint pair (8 in f32, 16 in f64).</summary>
    public static int BytesPerStart(Precision precision) => 4 + 4 + (precision == Precision.F32 ? 8 : 16);

    /// <summary>Bytes on disk per tile beyond its arrays: four files' headers and last blocks, and the record.</summary>
    public const int BytesPerTile = 4 * 4096 + 4096;

    /// <summary>
    /// Throws when <paramref name="starts"/> more starts in <paramref name="tiles"/> more tiles (count the starts of a
    /// small grid's single-file outputs too) would not fit in the free space of the file system that holds
    /// <paramref name="directory"/> (or would, once created).
    /// </summary>
    /// <exception cref="GridTooLargeException">The tiles would not fit.</exception>
    public static void EnsureFits(GridSpec grid, long starts, int tiles, Precision precision, string directory)
    {
        long needed = starts * BytesPerStart(precision) + (long)tiles * BytesPerTile;
        long free = FreeBytesAt(directory);
        if (needed > free)
        {
            throw new GridTooLargeException(
                $"--grid {grid.Width}x{grid.Height} ({grid.Count:N0} starts) needs about {needed / 1e9:0.#} GB of disk for the tiles left to compute, " +
                $"more than the {free / 1e9:0.#} GB free at '{directory}'; use a smaller --grid, --shard, or another --out");
        }
    }

    private static long FreeBytesAt(string directory)
    {
        string? existing = Path.GetFullPath(directory);
        while (existing is not null && !Directory.Exists(existing))
        {
            existing = Path.GetDirectoryName(existing);
        }

        return existing is null ? long.MaxValue : new DriveInfo(existing).AvailableFreeSpace;
    }
}
