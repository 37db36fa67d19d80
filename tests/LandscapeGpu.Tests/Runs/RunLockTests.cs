using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Runs;

public sealed class RunLockTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"run-lock-{Guid.NewGuid():N}");

    [Fact]
    public void Acquire_WhileHeld_RefusesNamingTheHolderProcess()
    {
        string directory = Path.Combine(root, "run");
        using RunLock held = RunLock.Acquire(directory);

        var error = Assert.Throws<RunConflictException>(() => RunLock.Acquire(directory));

        Assert.Contains("is being written by another landscape process", error.Message);
        Assert.Contains($"pid {Environment.ProcessId}", error.Message);
        Assert.True(RunLock.IsHeld(directory));
    }

    [Fact]
    public void Acquire_AfterRelease_Succeeds()
    {
        string directory = Path.Combine(root, "run");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "summary.json"), "{}");
        RunLock.Acquire(directory).Dispose();

        using RunLock again = RunLock.Acquire(directory);

        Assert.False(RunLock.IsHeld(Path.Combine(root, "elsewhere")));
        Assert.True(File.Exists(Path.Combine(directory, RunLock.FileName)));
    }

    [Fact]
    public void Dispose_NothingWrittenIntoANewDirectory_RemovesTheDirectory()
    {
        string directory = Path.Combine(root, "fresh");

        RunLock.Acquire(directory).Dispose();

        Assert.False(Directory.Exists(directory));
    }

    [Fact]
    public void Acquire_DirectoryIsASymbolicLink_RefusesNamingTheTarget()
    {
        string target = Path.Combine(root, "target");
        Directory.CreateDirectory(target);
        string link = Path.Combine(root, "link");
        Directory.CreateSymbolicLink(link, target);

        var error = Assert.Throws<RunConflictException>(() => RunLock.Acquire(link));

        Assert.Contains("is a symbolic link", error.Message);
        Assert.Contains(target, error.Message);
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
