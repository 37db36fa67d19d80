using System.Globalization;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Runs;

/// <summary>
/// An operating-system lock on a run directory, held for the whole life of the command that writes it (untiled
/// and tiled runs, resumes, merges), so two writers never mix their files. The lock is the kernel's lock on the open
/// file <c>DIR/.lock</c> (.NET takes <c>flock</c> for <see cref="FileShare.None"/>): it dies with its process, so it
/// never goes stale. Who holds it (process id, start time, command line) is written to <c>DIR/.lock-holder</c> for
/// the message that refuses a second writer.
/// </summary>
public sealed class RunLock : IDisposable
{
    /// <summary>The locked file's name inside the run directory.</summary>
    public const string FileName = ".lock";

    /// <summary>The file naming the holder, inside the run directory.</summary>
    public const string HolderFileName = ".lock-holder";

    private readonly FileStream stream;
    private readonly bool createdDirectory;
    private readonly bool wasEmpty;

    private RunLock(string directory, FileStream stream, bool createdDirectory, bool wasEmpty)
    {
        Directory = directory;
        this.stream = stream;
        this.createdDirectory = createdDirectory;
        this.wasEmpty = wasEmpty;
    }

    /// <summary>The locked directory (full path).</summary>
    public string Directory { get; }

    /// <summary>
    /// Creates <paramref name="directory"/> if needed and locks it. Refuses a directory whose last component is a
    /// symbolic link (a planted link must not redirect a run's files elsewhere).
    /// </summary>
    /// <exception cref="RunConflictException">Another process holds the lock, or the path is a symbolic link.</exception>
    /// <exception cref="IOException">The directory cannot be created or written.</exception>
    public static RunLock Acquire(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string full = Path.GetFullPath(directory);
        EnsureNotSymbolicLink(directory, full);
        bool created = !System.IO.Directory.Exists(full);
        bool wasEmpty;
        FileStream stream;
        try
        {
            System.IO.Directory.CreateDirectory(full);
            wasEmpty = !System.IO.Directory.EnumerateFileSystemEntries(full).Any(entry => Path.GetFileName(entry) is not (FileName or HolderFileName));
            EnsureNotSymbolicLink(directory, full);
            string lockPath = Path.Combine(full, FileName);
            if (new FileInfo(lockPath).LinkTarget is not null)
            {
                throw new RunConflictException($"'{lockPath}' is a symbolic link, not a lock file; delete it and run again");
            }

            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error) when (error is not FileNotFoundException and not DirectoryNotFoundException && IsHeld(full))
        {
            throw new RunConflictException(
                $"output directory '{directory}' is being written by another landscape process ({DescribeHolder(full)}); " +
                "wait for it to finish, or use another {out}");
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"output directory '{directory}' cannot be written: {error.Message}", error);
        }

        var runLock = new RunLock(full, stream, created, wasEmpty);
        runLock.WriteHolder();
        return runLock;
    }

    /// <summary>Whether another process holds the lock of <paramref name="directory"/> now.</summary>
    public static bool IsHeld(string directory)
    {
        string lockPath = Path.Combine(directory, FileName);
        if (!File.Exists(lockPath))
        {
            return false;
        }

        try
        {
            using var probe = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return false;
        }
        catch (IOException)
        {
            return true;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>
    /// Releases the lock. When the command wrote nothing (it failed or was refused) and the directory was empty or
    /// absent before, the lock's files (and a directory this lock created) are removed again, so a failed run
    /// leaves no trace.
    /// </summary>
    public void Dispose()
    {
        bool removeFiles = wasEmpty && OnlyLockFiles();
        if (removeFiles)
        {
            TryDelete(Path.Combine(Directory, HolderFileName));
            TryDelete(Path.Combine(Directory, FileName));
        }

        stream.Dispose();
        if (removeFiles && createdDirectory)
        {
            try
            {
                System.IO.Directory.Delete(Directory);
            }
            catch (IOException)
            {
                // Someone wrote into it meanwhile: leave it.
            }
        }
    }

    private bool OnlyLockFiles() =>
        System.IO.Directory.Exists(Directory)
        && System.IO.Directory.EnumerateFileSystemEntries(Directory).All(entry => Path.GetFileName(entry) is FileName or HolderFileName);

    private void WriteHolder()
    {
        string[] arguments = Environment.GetCommandLineArgs();
        string command = string.Join(' ', arguments.Select(Quote));
        string started = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string text = $"pid {Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}, started {started}: {command}";
        // Through a temporary name: a refused process must never read a half-written holder.
        AtomicFile.Write(Path.Combine(Directory, HolderFileName), output => output.Write(System.Text.Encoding.UTF8.GetBytes(text)));
    }

    private static string DescribeHolder(string directory)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(directory, HolderFileName)).ReplaceLineEndings(" ").Trim();
            return text.Length > 0 ? text : "holder unknown";
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return "holder unknown";
        }
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '=' or ',')
            ? argument
            : $"'{argument.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    private static void EnsureNotSymbolicLink(string given, string full)
    {
        var info = new DirectoryInfo(full.TrimEnd(Path.DirectorySeparatorChar));
        if (info.LinkTarget is { } target)
        {
            throw new RunConflictException(
                $"output directory '{given}' is a symbolic link (to '{target}'); give the directory itself as {{out}}");
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
            // Best effort: the directory is then kept.
        }
    }
}
