using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Runs;

/// <summary>
/// Writes a set of output files so that none is half-written: each goes to a temporary name beside its final
/// path, and only when every one is complete are they renamed into place. On failure the temporaries are deleted
/// and whatever was at the final paths before is left untouched. Temporaries are created exclusively under random
/// names (<see cref="AtomicFile.CreateTemporary"/>), so nothing planted in the directory is ever written through.
/// The caller holds the directory's <see cref="RunLock"/>: temporaries found on opening are then leftovers of a
/// killed run, and are deleted. Files may be written from several threads at once (<see cref="Concurrently"/>):
/// each is its own temporary, and big files written side by side overlap their copying and flushing.
/// </summary>
public sealed class AtomicOutputs : IDisposable
{
    private readonly List<(string Temporary, string Final)> pending = new();
    private readonly Lock pendingLock = new();
    private bool committed;

    /// <summary>Creates (if needed) <paramref name="directory"/>, checks that it can be written and deletes temporaries a killed run left there.</summary>
    /// <exception cref="IOException">The directory cannot be created or written.</exception>
    public AtomicOutputs(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            AtomicFile.DeleteTemporaries(Directory);
            using (AtomicFile.CreateTemporary(Path.Combine(Directory, ".write-test"), out string probe))
            {
                File.Delete(probe);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"output directory '{directory}' cannot be written: {error.Message}", error);
        }
    }

    /// <summary>The output directory.</summary>
    public string Directory { get; }

    /// <summary>Writes <paramref name="name"/> through <paramref name="write"/> to a temporary file.</summary>
    public void Write(string name, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using FileStream stream = Open(name);
        write(stream);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// Opens the temporary file of <paramref name="name"/> for a writer that fills it over time (a run's per-start
    /// arrays, band by band as the descents finish them). The caller flushes it to disk
    /// (<c>Flush(flushToDisk: true)</c>) and disposes it before <see cref="Commit"/>.
    /// </summary>
    public FileStream Open(string name)
    {
        string final = Path.Combine(Directory, name);
        FileStream stream = AtomicFile.CreateTemporary(final, out string temporary);
        lock (pendingLock)
        {
            pending.Add((temporary, final));
        }

        return stream;
    }

    /// <summary>Renames every written file into place.</summary>
    public void Commit()
    {
        foreach ((string temporary, string final) in pending)
        {
            File.Move(temporary, final, overwrite: true);
        }

        committed = true;
    }

    /// <summary>Deletes temporaries that were not committed.</summary>
    public void Dispose()
    {
        if (committed)
        {
            return;
        }

        foreach ((string temporary, _) in pending)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
                // Best effort: a leftover temporary never shadows a final output.
            }
        }
    }
}
