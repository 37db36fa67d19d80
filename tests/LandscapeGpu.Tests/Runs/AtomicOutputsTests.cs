using LandscapeGpu.Runs;

namespace LandscapeGpu.Tests.Runs;

public sealed class AtomicOutputsTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"atomic-{Guid.NewGuid():N}");

    [Fact]
    public void Commit_AfterAllWrites_RenamesEveryFileIntoPlace()
    {
        using (var outputs = new AtomicOutputs(directory))
        {
            outputs.Write("a.txt", s => s.Write("new a"u8));
            outputs.Write("b.txt", s => s.Write("new b"u8));
            outputs.Commit();
        }

        Assert.Equal("new a", File.ReadAllText(Path.Combine(directory, "a.txt")));
        Assert.Equal(["a.txt", "b.txt"], Directory.GetFiles(directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Dispose_WhenAWriteFails_LeavesEarlierOutputsUntouchedAndNoTemporaries()
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "a.txt"), "old a");
        Assert.Throws<InvalidOperationException>(() =>
        {
            using var outputs = new AtomicOutputs(directory);
            outputs.Write("a.txt", s => s.Write("new a"u8));
            outputs.Write("b.txt", _ => throw new InvalidOperationException("disk full"));
            outputs.Commit();
        });

        Assert.Equal("old a", File.ReadAllText(Path.Combine(directory, "a.txt")));
        Assert.Equal(["a.txt"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Write_FromManyThreadsAtOnce_WritesEachWholeAndCommitsAll()
    {
        var names = Enumerable.Range(0, 8).Select(i => $"f{i}.bin").ToArray();
        using (var outputs = new AtomicOutputs(directory))
        {
            Concurrently.Run(names.Select((name, i) => (Action)(() => outputs.Write(name, s => s.Write(Enumerable.Repeat((byte)i, 100_000 + i).ToArray())))).ToArray());
            outputs.Commit();
        }

        for (int i = 0; i < names.Length; i++)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(directory, names[i]));
            Assert.True(bytes.Length == 100_000 + i && bytes.All(b => b == i), $"{names[i]}: {bytes.Length} bytes");
        }

        Assert.Equal(names, Directory.GetFiles(directory).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Write_OneOfConcurrentWritesFails_RethrownUnwrappedAfterAllEndedAndNoTemporariesLeft()
    {
        var slowStarted = new ManualResetEventSlim();
        bool slowFinished = false;
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            using var outputs = new AtomicOutputs(directory);
            Concurrently.Run(
                () => outputs.Write("bad.bin", _ =>
                {
                    slowStarted.Wait(TimeSpan.FromSeconds(10));
                    throw new InvalidOperationException("disk full");
                }),
                () => outputs.Write("slow.bin", s =>
                {
                    slowStarted.Set();
                    Thread.Sleep(200);
                    s.Write(new byte[10]);
                    slowFinished = true;
                }));
            outputs.Commit();
        });

        Assert.Equal("disk full", error.Message);
        Assert.True(slowFinished, "Concurrently.Run returned before every write ended");
        Assert.Empty(Directory.GetFiles(directory));
    }

    [Fact]
    public void Constructor_UnwritableDirectory_ThrowsNamingIt()
    {
        string file = Path.Combine(Path.GetTempPath(), $"not-a-dir-{Guid.NewGuid():N}");
        File.WriteAllText(file, "");
        try
        {
            var error = Assert.Throws<IOException>(() => new AtomicOutputs(Path.Combine(file, "out")));
            Assert.Contains("cannot be written", error.Message);
            Assert.Contains(file, error.Message);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
