using System.Globalization;
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
    /// small grid's single-file outputs too; no tiles for an untiled run) would not fit in the free space of the file system that holds
    /// <paramref name="directory"/> (or would, once created).
    /// </summary>
    /// <exception cref="GridTooLargeException">The tiles would not fit.</exception>
    public static void EnsureFits(GridSpec grid, long starts, int tiles, Precision precision, string directory)
    {
        long needed = starts * BytesPerStart(precision) + (long)tiles * BytesPerTile;
        long free = FreeBytesAt(directory);
        if (needed > free)
        {
            // An untiled run (no tiles) writes its arrays whole; sharding does not apply to it.
            string what = tiles > 0 ? "the tiles left to compute" : "its output files";
            string advice = tiles > 0 ? "use a smaller {grid}, {shard}, or another {out}" : "use a smaller {grid}, or another {out}";
            throw new GridTooLargeException(
                $"{{grid}} {grid.Width}x{grid.Height} ({grid.Count:N0} starts) needs about {Size(needed)} of disk for {what}, " +
                $"more than the {Size(free)} free at '{directory}'; {advice}");
        }
    }

    private static string Size(long bytes) =>
        bytes >= 1e9
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e9:0.#} GB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1e6:0.#} MB");

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
