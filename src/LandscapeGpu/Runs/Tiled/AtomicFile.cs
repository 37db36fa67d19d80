namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// Writes one file under a temporary name beside its final path and renames it into place only when it is
/// complete and flushed, so a reader (or a resumed run) never takes a half-written file for a whole one.
/// </summary>
public static class AtomicFile
{
    /// <summary>The marker in temporary names; files containing it are never outputs.</summary>
    public const string TemporaryMarker = ".tmp-";

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; on failure the temporary is deleted and the error names the file.</summary>
    /// <exception cref="IOException">The file could not be written (disk full, permissions).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string temporary = $"{path}{TemporaryMarker}{Environment.ProcessId}-{Environment.CurrentManagedThreadId}";
        try
        {
            using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new IOException($"writing '{path}' failed: {error.Message}", error);
        }
    }

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> through a temporary name.</summary>
    public static void Copy(string source, string destination) =>
        Write(destination, stream =>
        {
            using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            input.CopyTo(stream);
        });

    /// <summary>Deletes the temporaries left in <paramref name="directory"/> by interrupted writers.</summary>
    public static void DeleteTemporaries(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (string leftover in Directory.EnumerateFiles(directory, $"*{TemporaryMarker}*"))
        {
            TryDelete(leftover);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // Best effort: a leftover temporary never counts as an output and is removed on the next run.
        }
    }
}
