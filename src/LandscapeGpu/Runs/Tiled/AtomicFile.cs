using System.Security.Cryptography;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// Writes one file under a temporary name beside its final path and renames it into place only when it is
/// complete and flushed, so a reader (or a resumed run) never takes a half-written file for a whole one. The
/// temporary is created exclusively under a random name (<see cref="FileMode.CreateNew"/>: a file or symbolic link
/// planted at that name makes the create fail rather than be followed), and the rename replaces whatever is at the
/// final path, a symbolic link included, without writing through it.
/// </summary>
public static class AtomicFile
{
    /// <summary>The marker in temporary names; files containing it are never outputs.</summary>
    public const string TemporaryMarker = ".tmp-";

    private const int CreateAttempts = 4;

    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>; on failure the temporary is deleted and the error names the file.</summary>
    /// <exception cref="IOException">The file could not be written (disk full, permissions).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        string? temporary = null;
        try
        {
            using (FileStream stream = CreateTemporary(path, out temporary))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            if (temporary is not null)
            {
                TryDelete(temporary);
            }

            throw new IOException($"writing '{path}' failed: {error.Message}", error);
        }
    }

    /// <summary>
    /// Creates a new, empty temporary file beside <paramref name="path"/> under a random name, never opening an
    /// existing file or following a link; the caller writes it and renames it into place.
    /// </summary>
    /// <exception cref="IOException">No temporary could be created.</exception>
    public static FileStream CreateTemporary(string path, out string temporary)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        for (int attempt = 1; ; attempt++)
        {
            temporary = TemporaryNameFor(path);
            try
            {
                return new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
            }
            catch (IOException) when (attempt < CreateAttempts && Path.Exists(temporary))
            {
                // Something already has this name (planted or a collision): draw another.
            }
        }
    }

    /// <summary>A fresh temporary name beside <paramref name="path"/>: its name, the marker, this process's id and 64 random bits.</summary>
    public static string TemporaryNameFor(string path) =>
        $"{path}{TemporaryMarker}{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8))}";

    /// <summary>Copies <paramref name="source"/> to <paramref name="destination"/> through a temporary name.</summary>
    public static void Copy(string source, string destination) =>
        Write(destination, stream =>
        {
            using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
            input.CopyTo(stream);
        });

    /// <summary>
    /// Deletes the temporaries left in <paramref name="directory"/> by interrupted writers. Call it only while
    /// holding the directory's <see cref="RunLock"/>: then no live writer has temporaries there.
    /// </summary>
    public static void DeleteTemporaries(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (string leftover in Directory.EnumerateFileSystemEntries(directory, $"*{TemporaryMarker}*"))
        {
            // A link is removed itself; its target is never touched.
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
