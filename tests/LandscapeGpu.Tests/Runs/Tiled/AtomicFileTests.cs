using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Runs.Tiled;

/// <summary>Temporaries are created exclusively and never written through a link planted in the output directory.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"atomic-file-{Guid.NewGuid():N}");
    private readonly string outside;

    public AtomicFileTests()
    {
        Directory.CreateDirectory(Path.Combine(root, "out"));
        outside = Path.Combine(root, "outside.txt");
        File.WriteAllText(outside, "precious");
    }

    [Fact]
    public void Write_FinalPathIsAPlantedLink_ReplacesTheLinkAndLeavesItsTargetAlone()
    {
        string final = Path.Combine(root, "out", "summary.json");
        File.CreateSymbolicLink(final, outside);

        AtomicFile.Write(final, stream => stream.Write("new"u8));

        Assert.Equal("precious", File.ReadAllText(outside));
        Assert.Null(new FileInfo(final).LinkTarget);
        Assert.Equal("new", File.ReadAllText(final));
    }

    [Fact]
    public void Write_LinksPlantedAtTheOldPredictableTemporaryNames_AreNeverFollowed()
    {
        string final = Path.Combine(root, "out", "basins.npy");
        // The names the writers used before they drew random ones.
        File.CreateSymbolicLink($"{final}.tmp-{Environment.ProcessId}", outside);
        File.CreateSymbolicLink($"{final}{AtomicFile.TemporaryMarker}{Environment.ProcessId}-{Environment.CurrentManagedThreadId}", outside);

        AtomicFile.Write(final, stream => stream.Write("ids"u8));

        Assert.Equal("precious", File.ReadAllText(outside));
        Assert.Equal("ids", File.ReadAllText(final));
    }

    [Fact]
    public void CreateTemporary_NameAlreadyTaken_DrawsAnotherAndNeverOpensTheExistingOne()
    {
        string final = Path.Combine(root, "out", "steps.npy");
        using (FileStream first = AtomicFile.CreateTemporary(final, out string firstName))
        using (FileStream second = AtomicFile.CreateTemporary(final, out string secondName))
        {
            Assert.NotEqual(firstName, secondName);
            Assert.StartsWith($"{final}{AtomicFile.TemporaryMarker}{Environment.ProcessId}-", secondName, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void AtomicOutputs_OnOpening_DeletesStaleTemporariesAndPlantedLinksButNotTheirTargets()
    {
        string directory = Path.Combine(root, "out");
        string staleFile = Path.Combine(directory, "basins.npy.tmp-99999");
        File.WriteAllText(staleFile, "half");
        string staleLink = Path.Combine(directory, "summary.json.tmp-99999-0");
        File.CreateSymbolicLink(staleLink, outside);

        using (var outputs = new AtomicOutputs(directory))
        {
            outputs.Write("summary.json", stream => stream.Write("{}"u8));
            outputs.Commit();
        }

        Assert.False(File.Exists(staleFile));
        Assert.False(Path.Exists(staleLink));
        Assert.Equal("precious", File.ReadAllText(outside));
        Assert.Equal(["summary.json"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName));
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
