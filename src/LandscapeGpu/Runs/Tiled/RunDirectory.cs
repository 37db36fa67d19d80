using System.Text.Json;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// A tiled run on disk: <c>run.json</c> (the run's identity and shard) and the folder <c>tiles/</c> with, per tile
/// <c>STEM</c> (<see cref="TileLayout.StemOf"/>): <c>STEM.buckets.npy</c> (int32 [h, w], indices into the tile's
/// own bucket table) until the run is finalized, then <c>STEM.basins.npy</c> (global attractor ids);
/// <c>STEM.steps.npy</c>, <c>STEM.endpoints.npy</c> and <c>STEM.json</c> (<see cref="TileRecord"/>), written last.
/// Every file goes through a temporary name, so a tile is done exactly when its record exists; the record holds each
/// file's content hash, and a tile is trusted only when every hash matches (<see cref="Verify"/>). The caller holds
/// the directory's <see cref="RunLock"/> for as long as it writes.
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

    /// <summary>What <c>Open</c> with resume found damaged: one line per tile, naming the file; those tiles are computed again.</summary>
    public IReadOnlyList<string> Damaged { get; private set; } = [];

    /// <summary>
    /// Opens <paramref name="path"/> for the run of <paramref name="problem"/>: creates it with its manifest, or,
    /// with <paramref name="resume"/>, reopens a directory that holds the same run and shard, checks every finished
    /// tile against the content hashes of its record and sets a damaged tile back to not done (<see cref="Damaged"/>).
    /// Deletes temporaries that an interrupted run left.
    /// </summary>
    /// <exception cref="RunConflictException">The directory holds another run, or this run without <paramref name="resume"/>.</exception>
    /// <exception cref="IOException">The directory cannot be written.</exception>
    public static RunDirectory Open(string path, DescentProblem problem, TileLayout layout, ShardSpec shard, bool resume)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(layout);
        return Open(path, RunIdentity.Of(problem, layout.TileSide), layout, shard, resume);
    }

    /// <summary>
    /// Opens <paramref name="path"/> for the run whose identity is <paramref name="identity"/> (see the overload that
    /// takes a problem): what a K-weight map and a merge use, whose identity holds more than a 2-D problem.
    /// </summary>
    /// <exception cref="RunConflictException">The directory holds another run, or this run without <paramref name="resume"/>.</exception>
    /// <exception cref="IOException">The directory cannot be written.</exception>
    public static RunDirectory Open(string path, RunIdentity identity, TileLayout layout, ShardSpec shard, bool resume)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(layout);
        string full = System.IO.Path.GetFullPath(path);
        var directory = new RunDirectory(full, layout, identity, shard);
        string manifest = System.IO.Path.Combine(full, ManifestName);
        if (File.Exists(manifest))
        {
            (RunIdentity existing, ShardSpec existingShard) = ReadManifest(manifest);
            IReadOnlyList<string> differences = identity.DifferencesFrom(existing);
            if (differences.Count > 0)
            {
                throw new RunConflictException(
                    $"output directory '{path}' holds a different run ({string.Join("; ", differences)}); use another {{out}}, or delete it to start over");
            }

            if (existingShard != shard)
            {
                throw new RunConflictException(
                    $"output directory '{path}' holds shard {existingShard} of this run, not {shard}; use another {{out}} for each shard");
            }

            if (!resume)
            {
                int done = directory.DoneTiles().Count(_ => true);
                throw new RunConflictException(
                    $"output directory '{path}' already holds this run ({done} of {layout.Count} tiles done); add {{resume}} to finish it, or use another {{out}}");
            }

            EnsureNotLinked(directory.TilesPath);
            AtomicFile.DeleteTemporaries(directory.TilesPath);
            AtomicFile.DeleteTemporaries(full);
            directory.Damaged = directory.ForgetDamagedTiles();
            return directory;
        }

        try
        {
            EnsureNotLinked(directory.TilesPath);
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
        return new RunDirectory(full, identity.Layout(), identity, shard);
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

    /// <summary>Writes the arrays of tile <paramref name="index"/>, then its record with their content hashes (which marks it done).</summary>
    public void WriteTile(int index, TileResult result, ReadOnlyMemory<int> buckets, TileRecord record, Precision precision)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(record);
        TileSpec tile = record.Tile;
        int count = tile.Count;
        AtomicFile.Write(FileOf(index, BucketsKind), stream => NpyWriter.Write(stream, buckets.Span[..count], tile.Height, tile.Width));
        AtomicFile.Write(FileOf(index, StepsKind), stream => NpyWriter.Write<int>(stream, result.Steps.AsSpan(0, count), tile.Height, tile.Width));
        AtomicFile.Write(FileOf(index, EndpointsKind), stream => EndpointFile.Write(stream, result.EndX, result.EndY, count, tile, precision));
        WriteRecord(index, record with { Files = HashesOf(index, BucketsKind, StepsKind, EndpointsKind) });
    }

    /// <summary>The kind of a tile's bucket indices (until finalized).</summary>
    public const string BucketsKind = "buckets.npy";

    /// <summary>The kind of a tile's global attractor ids (once finalized).</summary>
    public const string BasinsKind = "basins.npy";

    /// <summary>The kind of a tile's step counts.</summary>
    public const string StepsKind = "steps.npy";

    /// <summary>The kind of a tile's endpoints.</summary>
    public const string EndpointsKind = "endpoints.npy";

    /// <summary>
    /// The kind of a K-weight map's tile bucket table (a <see cref="Basins.WeightSpace.WeightBucketTable"/> as JSON):
    /// its record's 2-D table is empty and this file, hashed like the arrays, holds the tile's buckets in all weights.
    /// </summary>
    public const string WeightBucketsKind = "weightBuckets.json";

    /// <summary>The kind of a tile's positions along valleys (once finalized, in a run that has a valley).</summary>
    public const string ValleyPositionKind = "valleyPosition.npy";

    /// <summary>The content hashes of tile <paramref name="index"/>'s files of <paramref name="kinds"/>, as they are now.</summary>
    public SortedDictionary<string, string> HashesOf(int index, params string[] kinds)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (string kind in kinds)
        {
            hashes[kind] = ContentHash.Of(FileOf(index, kind));
        }

        return hashes;
    }

    /// <summary>Writes tile <paramref name="index"/>'s record (through a temporary name).</summary>
    public void WriteRecord(int index, TileRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        AtomicFile.Write(FileOf(index, "json"), record.Write);
    }

    /// <summary>Reads tile <paramref name="index"/>'s record.</summary>
    public TileRecord ReadRecord(int index) => TileRecord.Read(FileOf(index, "json"));

    /// <summary>
    /// Checks finished tile <paramref name="index"/>: its record reads, covers the tile's rectangle, lists its ids
    /// (bucket indices or global ids), steps and endpoints, and every file it lists exists with the hash it records.
    /// Returns null for a whole tile, else what is wrong, naming the file.
    /// </summary>
    public string? Verify(int index)
    {
        string recordPath = FileOf(index, "json");
        TileRecord record;
        try
        {
            record = ReadRecord(index);
        }
        catch (Exception error) when (error is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            return $"tile record '{recordPath}' cannot be read ({error.Message.ReplaceLineEndings(" ")})";
        }

        if (record.Tile != Layout[index])
        {
            return $"tile record '{recordPath}' covers {record.Tile}, not {Layout[index]}";
        }

        bool hasIds = record.Files.ContainsKey(BucketsKind) || record.Files.ContainsKey(BasinsKind);
        if (!hasIds || !record.Files.ContainsKey(StepsKind) || !record.Files.ContainsKey(EndpointsKind))
        {
            return $"tile record '{recordPath}' lacks the content hashes of its files (written by an older landscape, or damaged)";
        }

        foreach ((string kind, string expected) in record.Files)
        {
            string file = FileOf(index, kind);
            string actual;
            try
            {
                actual = ContentHash.Of(file);
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException)
            {
                return $"tile file '{file}' cannot be read ({error.Message.ReplaceLineEndings(" ")})";
            }

            if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                return $"tile file '{file}' is damaged: its content differs from what its record '{recordPath}' says was written";
            }
        }

        return null;
    }

    /// <summary>
    /// Throws naming the first damaged tile file among <paramref name="indices"/> (all tiles when null).
    /// </summary>
    /// <exception cref="DamagedRunException">A tile is damaged.</exception>
    public void EnsureIntact(IEnumerable<int>? indices = null)
    {
        foreach (int index in indices ?? Enumerable.Range(0, Layout.Count))
        {
            if (Verify(index) is { } damage)
            {
                throw new DamagedRunException($"{damage}; nothing was written. Rerun the map of this directory with {{resume}} to compute it again");
            }
        }
    }

    // A damaged tile is set back to not done: its record goes first, so an interruption leaves it not done.
    private IReadOnlyList<string> ForgetDamagedTiles()
    {
        var damaged = new List<string>();
        foreach (int index in DoneTiles().ToArray())
        {
            if (Verify(index) is not { } damage)
            {
                continue;
            }

            damaged.Add(damage);
            File.Delete(FileOf(index, "json"));
            foreach (string kind in new[] { BucketsKind, BasinsKind, StepsKind, EndpointsKind, ValleyPositionKind, WeightBucketsKind })
            {
                File.Delete(FileOf(index, kind));
            }
        }

        // The outputs were made from the damaged tiles: they are made again when the run finishes.
        if (damaged.Count > 0)
        {
            File.Delete(System.IO.Path.Combine(TilesPath, TiledFinalizer.IndexName));
        }

        return damaged;
    }

    private static void EnsureNotLinked(string tilesPath)
    {
        if (Directory.Exists(tilesPath) && new DirectoryInfo(tilesPath).LinkTarget is { } target)
        {
            throw new RunConflictException($"'{tilesPath}' is a symbolic link (to '{target}'), not the run's tiles folder; delete it to start over");
        }
    }

    private static void WriteManifest(Stream stream, RunIdentity identity, ShardSpec shard)
    {
        using var json = new Utf8JsonWriter(stream, JsonFormat.Indented);
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
            throw new RunConflictException($"'{manifest}' is damaged ({error.Message}); use another {{out}}, or delete it to start over");
        }
    }
}
