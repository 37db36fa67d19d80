using System.Text.Json;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// Turns a run directory whose tiles are all done into a finished run: imports every tile's bucket table into one
/// catalog (so the attractors and their ids are exactly those an untiled run finds), rewrites each tile's bucket
/// indices as global ids (<c>STEM.basins.npy</c>, its hash replacing the bucket file's in the tile's record), writes
/// each tile's positions along valleys (<c>STEM.valleyPosition.npy</c>, when the run has a valley: the values an
/// untiled run's valleyPosition.npy holds for those starts), and writes <c>tiles/index.json</c>. Every tile is checked against its record's content hashes before anything is
/// written. Reads one tile at a time; running it again on a finished directory changes nothing.
/// </summary>
public static class TiledFinalizer
{
    /// <summary>The tile index's file name, inside the tiles folder.</summary>
    public const string IndexName = "index.json";

    /// <summary>Finalizes <paramref name="directory"/>.</summary>
    /// <exception cref="RunConflictException">Some tiles are not done.</exception>
    /// <exception cref="DamagedRunException">A tile's file differs from its record (nothing is written then).</exception>
    public static FinishedRun Finish(RunDirectory directory, DescentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(problem);
        TileLayout layout = directory.Layout;
        int[] missing = Enumerable.Range(0, layout.Count).Where(index => !directory.IsDone(index)).ToArray();
        if (missing.Length > 0)
        {
            throw new RunConflictException(
                $"{missing.Length} of {layout.Count} tiles are not done (first: {layout.StemOf(missing[0])}); " +
                "compute them (with {resume}, or the missing shards) before finishing the run");
        }

        directory.EnsureIntact();

        var catalog = new BasinCatalog(LandscapeProbe.For(problem.Landscape), problem.Axes?.ClusteringGrid(problem.Grid) ?? problem.Grid);
        var globalBucketsOfTile = new int[layout.Count][];
        long descentSteps = 0;
        double seconds = 0;
        var devices = new SortedSet<string>(StringComparer.Ordinal);
        for (int index = 0; index < layout.Count; index++)
        {
            TileRecord record = directory.ReadRecord(index);
            if (record.Tile != layout[index])
            {
                throw new InvalidDataException($"tile '{directory.FileOf(index, "json")}' covers {record.Tile}, not {layout[index]}");
            }

            globalBucketsOfTile[index] = catalog.Import(record.Buckets);
            descentSteps += record.DescentSteps;
            seconds += record.Seconds;
            devices.Add(record.Device);
        }

        BasinResolution basins = catalog.Resolve();
        bool hasValleys = HasValleys(basins);
        for (int index = 0; index < layout.Count; index++)
        {
            WriteGlobalIds(directory, index, directory.ReadRecord(index), globalBucketsOfTile[index], basins, hasValleys ? problem.Precision : null);
        }

        AtomicFile.Write(Path.Combine(directory.TilesPath, IndexName), stream => WriteIndex(stream, directory, hasValleys));
        return new FinishedRun(problem, basins, descentSteps, seconds, string.Join(" + ", devices));
    }

    /// <summary>Whether <paramref name="basins"/> has a valley, so that a finished run's tiles hold valleyPosition.npy.</summary>
    public static bool HasValleys(BasinResolution basins)
    {
        ArgumentNullException.ThrowIfNull(basins);
        return basins.ValleyPositions is { Count: > 0 } && basins.Attractors.Any(a => a.Shape == StationaryShape.Valley);
    }

    // The record names which ids file is trusted: until it lists basins.npy, the ids are made (again) from the
    // verified bucket file, so an interruption anywhere here leaves a tile that the next run finishes the same way.
    // With a precision (the run has valleys), the tile's positions along valleys are written from its endpoints too.
    private static void WriteGlobalIds(RunDirectory directory, int index, TileRecord record, int[] globalBucketOfLocal, BasinResolution basins, Precision? valleyPrecision)
    {
        string local = directory.FileOf(index, RunDirectory.BucketsKind);
        if (record.Files.ContainsKey(RunDirectory.BasinsKind))
        {
            // Left by an interruption after the record was rewritten.
            File.Delete(local);
            return;
        }

        string global = directory.FileOf(index, RunDirectory.BasinsKind);
        (int[] ids, int[] shape) = NpyReader.Read<int>(local);
        for (int i = 0; i < ids.Length; i++)
        {
            int bucket = ids[i];
            if (bucket >= 0)
            {
                if (bucket >= globalBucketOfLocal.Length)
                {
                    throw new DamagedRunException($"tile file '{local}' names bucket {bucket}, but its record has {globalBucketOfLocal.Length}");
                }

                ids[i] = basins.AttractorOfBucket[globalBucketOfLocal[bucket]];
            }
        }

        AtomicFile.Write(global, stream => NpyWriter.Write<int>(stream, ids, shape));
        var files = new SortedDictionary<string, string>(record.Files.ToDictionary(), StringComparer.Ordinal);
        files.Remove(RunDirectory.BucketsKind);
        files[RunDirectory.BasinsKind] = ContentHash.Of(global);
        if (valleyPrecision is { } precision)
        {
            string valleys = directory.FileOf(index, RunDirectory.ValleyPositionKind);
            (double[] endX, double[] endY) = EndpointFile.Read(directory.FileOf(index, RunDirectory.EndpointsKind), precision);
            float[] positions = ValleyPositions.Map(basins, ids, endX, endY);
            AtomicFile.Write(valleys, stream => NpyWriter.Write<float>(stream, positions, shape));
            files[RunDirectory.ValleyPositionKind] = ContentHash.Of(valleys);
        }

        directory.WriteRecord(index, record with { Files = files });
        File.Delete(local);
    }

    private static void WriteIndex(Stream stream, RunDirectory directory, bool hasValleys)
    {
        TileLayout layout = directory.Layout;
        using var json = new Utf8JsonWriter(stream, JsonFormat.Indented);
        json.WriteStartObject();
        json.WriteStartArray("grid");
        json.WriteNumberValue(layout.Grid.Width);
        json.WriteNumberValue(layout.Grid.Height);
        json.WriteEndArray();
        json.WriteNumber("tileSide", layout.TileSide);
        json.WriteNumber("columns", layout.Columns);
        json.WriteNumber("rows", layout.Rows);
        json.WriteStartArray("tiles");
        for (int index = 0; index < layout.Count; index++)
        {
            TileSpec tile = layout[index];
            string stem = layout.StemOf(index);
            json.WriteStartObject();
            json.WriteString("stem", stem);
            json.WriteNumber("x", tile.X);
            json.WriteNumber("y", tile.Y);
            json.WriteNumber("width", tile.Width);
            json.WriteNumber("height", tile.Height);
            json.WriteString("basins", $"{stem}.basins.npy");
            json.WriteString("steps", $"{stem}.steps.npy");
            json.WriteString("endpoints", $"{stem}.endpoints.npy");
            if (hasValleys && File.Exists(directory.FileOf(index, RunDirectory.ValleyPositionKind)))
            {
                json.WriteString("valleyPosition", $"{stem}.{RunDirectory.ValleyPositionKind}");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}

/// <summary>A finalized tiled run: the attractors of the whole grid and the totals of its tiles.</summary>
/// <param name="Problem">What was run.</param>
/// <param name="Basins">The attractors, with global ids.</param>
/// <param name="DescentSteps">Descent steps over all tiles.</param>
/// <param name="Seconds">Device-seconds summed over tiles (over every session, shard and device).</param>
/// <param name="Device">The engines that computed the tiles, joined by " + ".</param>
public sealed record FinishedRun(DescentProblem Problem, BasinResolution Basins, long DescentSteps, double Seconds, string Device);
