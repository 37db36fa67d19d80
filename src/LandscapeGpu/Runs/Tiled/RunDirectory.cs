using System.Text.Json;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// A tiled run on disk: <c>run.json</c> (the run's identity and shard) and the folder <c>tiles/</c> with, per tile
/// <c>STEM</c> (<see cref="TileLayout.StemOf"/>): <c>STEM.buckets.npy</c> (int32 [h, w], indices into the tile's
/// own bucket table) until the run is finalized, then <c>STEM.basins.npy</c> (global attractor ids);
/// <c>STEM.steps.npy</c>, <c>STEM.endpoints.npy</c> and <c>STEM.json</c> (<see cref="TileRecord"/>), written last.
/// Every file goes through a temporary name, so a tile is done exactly when its record exists.
/// </summary>
public sealed class RunDirectory
{
    /// <summary>The manifest's file name.</summary>
    public const string ManifestName = "run.json";

    /// <summary>The folder of tiles.</summary>
    public const string TilesFolder = "tiles";

    private const string Format = "landscape-tiled-run/1";

    private RunDirectory(string path, TileLayout layout, RunIdentity identity, ShardSpec shard)
    {
        Path = path;
        Layout = layout;
        Identity = identity;
        Shard = shard;
    }

    /// <summary>The run directory.</summary>
    public string Path { get; }

    /// <summary>Its tiles folder.</summary>
    public string TilesPath => System.IO.Path.Combine(Path, TilesFolder);

    /// <summary>How the grid is cut.</summary>
    public TileLayout Layout { get; }

    /// <summary>What was run.</summary>
    public RunIdentity Identity { get; }

    /// <summary>The share of tiles this directory computes.</summary>
    public ShardSpec Shard { get; }

    /// <summary>
    /// Opens <paramref name="path"/> for the run of <paramref name="problem"/>: creates it with its manifest, or,
    /// with <paramref name="resume"/>, reopens a directory that holds the same run and shard. Deletes temporaries
    /// that an interrupted run left.
    /// </summary>
    /// <exception cref="RunConflictException">The directory holds another run, or this run without <paramref name="resume"/>.</exception>
    /// <exception cref="IOException">The directory cannot be written.</exception>
    public static RunDirectory Open(string path, DescentProblem problem, TileLayout layout, ShardSpec shard, bool resume)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(layout);
        string full = System.IO.Path.GetFullPath(path);
        var identity = RunIdentity.Of(problem, layout.TileSide);
        var directory = new RunDirectory(full, layout, identity, shard);
        string manifest = System.IO.Path.Combine(full, ManifestName);
        if (File.Exists(manifest))
        {
            (RunIdentity existing, ShardSpec existingShard) = ReadManifest(manifest);
            IReadOnlyList<string> differences = identity.DifferencesFrom(existing);
            if (differences.Count > 0)
            {
                throw new RunConflictException(
                    $"output directory '{path}' holds a different run ({string.Join("; ", differences)}); use another --out, or delete it to start over");
            }

            if (existingShard != shard)
            {
                throw new RunConflictException(
                    $"output directory '{path}' holds shard {existingShard} of this run, not {shard}; use another --out for each shard");
            }

            if (!resume)
            {
                int done = directory.DoneTiles().Count(_ => true);
                throw new RunConflictException(
                    $"output directory '{path}' already holds this run ({done} of {layout.Count} tiles done); add --resume to finish it, or use another --out");
            }

            AtomicFile.DeleteTemporaries(directory.TilesPath);
            AtomicFile.DeleteTemporaries(full);
            return directory;
        }

        try
        {
            Directory.CreateDirectory(directory.TilesPath);
            AtomicFile.DeleteTemporaries(directory.TilesPath);
            AtomicFile.Write(manifest, stream => WriteManifest(stream, identity, shard));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"output directory '{path}' cannot be written: {error.Message}", error);
        }

        return directory;
    }

    /// <summary>Opens an existing run directory as it is (for merging).</summary>
    /// <exception cref="RunConflictException">It holds no tiled run.</exception>
    public static RunDirectory OpenExisting(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        string manifest = System.IO.Path.Combine(full, ManifestName);
        if (!File.Exists(manifest))
        {
            throw new RunConflictException($"'{path}' holds no tiled run: it has no {ManifestName}");
        }

        (RunIdentity identity, ShardSpec shard) = ReadManifest(manifest);
        (DescentProblem problem, int tileSide) = identity.ToProblem();
        return new RunDirectory(full, new TileLayout(problem.Grid, tileSide), identity, shard);
    }

    /// <summary>The problem the manifest describes.</summary>
    public DescentProblem Problem() => Identity.ToProblem().Problem;

    /// <summary>
    /// Whether tile <paramref name="index"/> of a run in <paramref name="path"/> cut as <paramref name="layout"/> is
    /// finished, without opening the run (for checks that must write nothing).
    /// </summary>
    public static bool IsDoneAt(string path, TileLayout layout, int index)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return File.Exists(System.IO.Path.Combine(path, TilesFolder, $"{layout.StemOf(index)}.json"));
    }

    /// <summary>Whether tile <paramref name="index"/> is finished: its record exists.</summary>
    public bool IsDone(int index) => File.Exists(FileOf(index, "json"));

    /// <summary>The finished tiles.</summary>
    public IEnumerable<int> DoneTiles() => Enumerable.Range(0, Layout.Count).Where(IsDone);

    /// <summary>The path of tile <paramref name="index"/>'s file of kind <paramref name="kind"/> (buckets.npy, basins.npy, steps.npy, endpoints.npy, json).</summary>
    public string FileOf(int index, string kind) => System.IO.Path.Combine(TilesPath, $"{Layout.StemOf(index)}.{kind}");

    /// <summary>Writes the arrays of tile <paramref name="index"/>, then its record (which marks it done).</summary>
    public void WriteTile(int index, TileResult result, ReadOnlyMemory<int> buckets, TileRecord record, Precision precision)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(record);
        TileSpec tile = record.Tile;
        int count = tile.Count;
        AtomicFile.Write(FileOf(index, "buckets.npy"), stream => NpyWriter.Write(stream, buckets.Span[..count], tile.Height, tile.Width));
        AtomicFile.Write(FileOf(index, "steps.npy"), stream => NpyWriter.Write<int>(stream, result.Steps.AsSpan(0, count), tile.Height, tile.Width));
        AtomicFile.Write(FileOf(index, "endpoints.npy"), stream => EndpointFile.Write(stream, result.EndX, result.EndY, count, tile, precision));
        AtomicFile.Write(FileOf(index, "json"), record.Write);
    }

    /// <summary>Reads tile <paramref name="index"/>'s record.</summary>
    public TileRecord ReadRecord(int index) => TileRecord.Read(FileOf(index, "json"));

    private static void WriteManifest(Stream stream, RunIdentity identity, ShardSpec shard)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("format", Format);
        identity.WriteTo(json);
        json.WriteString("shard", shard.ToString());
        json.WriteEndObject();
    }

    private static (RunIdentity Identity, ShardSpec Shard) ReadManifest(string manifest)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(manifest));
            JsonElement root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format)
            {
                throw new RunConflictException($"'{manifest}' is not a {Format} manifest");
            }

            return (RunIdentity.ReadFrom(root.GetProperty("identity")), ShardSpec.Parse(root.GetProperty("shard").GetString() ?? ""));
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new RunConflictException($"'{manifest}' is damaged ({error.Message}); use another --out, or delete it to start over");
        }
    }
}
