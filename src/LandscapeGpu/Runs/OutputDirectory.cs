using System.Text.Json;
using LandscapeGpu.Descents;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Runs;

/// <summary>
/// What a run may do with an output directory that already holds files: an untiled run records its identity
/// (<see cref="IdentityName"/>) so a rerun of the same command may replace its own outputs; a directory holding
/// another run, a tiled run's tiles, or files that are no run's is refused unless the user forces it. Checked while
/// the directory's <see cref="RunLock"/> is held, before anything is computed.
/// </summary>
public static class OutputDirectory
{
    /// <summary>The identity of the untiled run whose outputs a directory holds.</summary>
    public const string IdentityName = ".run-identity.json";

    /// <summary>The top-level outputs a run writes (untiled, or a small tiled grid's single files).</summary>
    public static readonly IReadOnlyList<string> Outputs = ["summary.json", "basins.npy", "steps.npy", "endpoints.npy", "basins.png"];

    private const string Format = "landscape-untiled-run/1";

    /// <summary>
    /// The directory a run writes to when no --out is given: <c>runs/NAME</c> for a built-in landscape; for a formula
    /// or a model, <c>runs/formula-HASH</c> or <c>runs/model-HASH</c> with HASH the first 8 hex digits of the SHA-256
    /// of its text, so two formulas never share a directory.
    /// </summary>
    public static string DefaultFor(LandscapeGpu.Landscapes.LandscapeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        if (info.Name is not ("formula" or "model"))
        {
            return Path.Combine("runs", info.Name);
        }

        byte[] hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(info.Formula));
        return Path.Combine("runs", $"{info.Name}-{Convert.ToHexStringLower(hash)[..8]}");
    }

    /// <summary>
    /// Checks <paramref name="directory"/> before an untiled run of <paramref name="problem"/>. With
    /// <paramref name="force"/>, the files of another run there (a tiled run's manifest and tiles included) are
    /// deleted; files that are no run's are kept beside the new outputs.
    /// </summary>
    /// <exception cref="RunConflictException">The directory holds another run or other files, and <paramref name="force"/> is not set.</exception>
    public static void PrepareUntiled(string directory, string given, DescentProblem problem, bool force)
    {
        ArgumentNullException.ThrowIfNull(problem);
        RunIdentity identity = RunIdentity.Of(problem, 0);
        if (File.Exists(Path.Combine(directory, RunDirectory.ManifestName)))
        {
            Refuse(force, $"output directory '{given}' holds a tiled run (run.json, tiles/); an untiled run there would mix two runs. " +
                "Use another {out}, or add {force} to delete that run first");
        }
        else if (ReadIdentity(directory) is { } existing)
        {
            IReadOnlyList<string> differences = identity.DifferencesFrom(existing);
            if (differences.Count > 0)
            {
                Refuse(force, $"output directory '{given}' holds another run ({string.Join("; ", differences)}); use another {{out}}, or add {{force}} to replace it");
            }
        }
        else if (ForeignEntries(directory).FirstOrDefault() is { } foreign)
        {
            Refuse(force, $"output directory '{given}' is not empty (it holds '{Path.GetFileName(foreign)}') and holds no run of this command; " +
                "use another {out}, or add {force} to write there anyway");
        }

        if (force)
        {
            DeletePreviousRun(directory);
        }
    }

    /// <summary>
    /// Checks <paramref name="directory"/> before a new tiled run (one with no <c>run.json</c> there yet): files of an
    /// untiled run or that are no run's are refused unless <paramref name="force"/>, which deletes a previous run's outputs.
    /// </summary>
    /// <exception cref="RunConflictException">The directory holds files and <paramref name="force"/> is not set.</exception>
    public static void PrepareTiled(string directory, string given, bool force)
    {
        if (File.Exists(Path.Combine(directory, RunDirectory.ManifestName)))
        {
            if (force)
            {
                DeletePreviousRun(directory);
            }

            return;
        }

        if (ForeignEntries(directory).FirstOrDefault() is { } foreign)
        {
            Refuse(force, $"output directory '{given}' is not empty (it holds '{Path.GetFileName(foreign)}') and holds no tiled run; " +
                "use another {out}, or add {force} to replace what is there");
            DeletePreviousRun(directory);
        }
    }

    /// <summary>Writes the identity of the untiled run of <paramref name="problem"/> through <paramref name="outputs"/>.</summary>
    public static void WriteIdentity(AtomicOutputs outputs, DescentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        RunIdentity identity = RunIdentity.Of(problem, 0);
        outputs.Write(IdentityName, stream =>
        {
            using var json = new Utf8JsonWriter(stream, JsonFormat.Indented);
            json.WriteStartObject();
            json.WriteString("format", Format);
            identity.WriteTo(json);
            json.WriteEndObject();
        });
    }

    private static RunIdentity? ReadIdentity(string directory)
    {
        string path = Path.Combine(directory, IdentityName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            return document.RootElement.GetProperty("format").GetString() == Format
                ? RunIdentity.ReadFrom(document.RootElement.GetProperty("identity"))
                : null;
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    // What is there besides the lock, temporaries and a run's known files.
    private static IEnumerable<string> ForeignEntries(string directory) =>
        Directory.Exists(directory)
            ? Directory.EnumerateFileSystemEntries(directory).Where(entry => Path.GetFileName(entry) is not (RunLock.FileName or RunLock.HolderFileName)
                && !entry.Contains(AtomicFile.TemporaryMarker, StringComparison.Ordinal))
            : [];

    private static void Refuse(bool force, string template)
    {
        if (!force)
        {
            throw new RunConflictException(template);
        }
    }

    private static void DeletePreviousRun(string directory)
    {
        foreach (string name in Outputs.Append(IdentityName).Append(RunDirectory.ManifestName))
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
            {
                File.Delete(path);
            }
        }

        string tiles = Path.Combine(directory, RunDirectory.TilesFolder);
        if (new DirectoryInfo(tiles).LinkTarget is not null)
        {
            File.Delete(tiles);
        }
        else if (Directory.Exists(tiles))
        {
            Directory.Delete(tiles, recursive: true);
        }
    }
}
