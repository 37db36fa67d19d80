using System.Text.Json;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Tests.Cli;

/// <summary>
/// <c>landscape compare</c> as a user runs it: each optimizer's directory is what <c>map</c> writes with the same
/// options, the matching and the disagreement do not depend on the order of <c>--optimizers</c>.
/// </summary>
public sealed class CompareCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"compare-{Guid.NewGuid():N}");

    private static readonly string[] Shared = ["himmelblau", "--grid", "40x36", "--steps", "400", "--device", "cpu", "--renderer", "cpu", "--size", "200"];

    [Fact]
    public void Compare_PerOptimizerDirectories_IdenticalToSeparateMapRuns()
    {
        string compared = Path.Combine(root, "compare");
        var (code, output, error) = CliRunner.Run(["compare", .. Shared, "--optimizers", "gd,adam,momentum", "--lr", "0.012,adam=0.05", "--momentum", "momentum=0.8", "--out", compared]);
        Assert.True(code == 0, error);
        Assert.Contains("gd % / steps", output);

        foreach ((string optimizer, string[] options) in new[]
        {
            ("gd", new[] { "--lr", "0.012" }),
            ("adam", new[] { "--lr", "0.05" }),
            ("momentum", new[] { "--lr", "0.012", "--momentum", "0.8" }),
        })
        {
            string single = Path.Combine(root, optimizer);
            (code, _, error) = CliRunner.Run(["map", .. Shared, "--optimizer", optimizer, .. options, "--out", single]);
            Assert.True(code == 0, error);

            string mine = Path.Combine(compared, optimizer);
            foreach (string file in new[] { "basins.npy", "steps.npy", "endpoints.npy", "valleyPosition.npy", OutputDirectory.IdentityName })
            {
                Assert.True(File.ReadAllBytes(Path.Combine(single, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(mine, file))), $"{optimizer}/{file} differs from map's");
            }

            using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(single, "summary.json")));
            using JsonDocument actual = JsonDocument.Parse(File.ReadAllText(Path.Combine(mine, "summary.json")));
            foreach (string field in new[] { "optimizer", "attractors", "diverged", "unconverged", "metrics" })
            {
                Assert.True(JsonElement.DeepEquals(expected.RootElement.GetProperty(field), actual.RootElement.GetProperty(field)), $"{optimizer}: summary.json '{field}' differs from map's");
            }

            Assert.True(File.Exists(Path.Combine(mine, "basins.png")));
        }
    }

    [Fact]
    public void Compare_OptimizersReordered_SameMatchedAttractorsAndDisagreement()
    {
        string forward = Path.Combine(root, "forward"), backward = Path.Combine(root, "backward");
        var (code, _, error) = CliRunner.Run(["compare", .. Shared, "--optimizers", "gd,momentum,adam", "--out", forward]);
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.Run(["compare", .. Shared, "--optimizers", "adam,gd,momentum", "--out", backward]);
        Assert.True(code == 0, error);

        using JsonDocument first = JsonDocument.Parse(File.ReadAllText(Path.Combine(forward, "compare.json")));
        using JsonDocument second = JsonDocument.Parse(File.ReadAllText(Path.Combine(backward, "compare.json")));
        JsonElement rows = first.RootElement.GetProperty("attractors");
        Assert.True(JsonElement.DeepEquals(rows, second.RootElement.GetProperty("attractors")), $"forward: {rows}\nbackward: {second.RootElement.GetProperty("attractors")}");
        Assert.True(JsonElement.DeepEquals(first.RootElement.GetProperty("disagreement"), second.RootElement.GetProperty("disagreement")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(forward, "disagreement.npy")), File.ReadAllBytes(Path.Combine(backward, "disagreement.npy")));
        Assert.Equal(["gd", "momentum", "adam"], first.RootElement.GetProperty("optimizers").EnumerateArray().Select(o => o.GetProperty("name").GetString()));

        // Himmelblau's four minima are matched across all three optimizers, each with its share of the starts.
        var minima = rows.EnumerateArray().Where(row => row.GetProperty("global").GetBoolean()).ToList();
        Assert.Equal(4, minima.Count);
        Assert.All(minima, row => Assert.All(new[] { "gd", "momentum", "adam" },
            name => Assert.True(row.GetProperty("byOptimizer").GetProperty(name).GetProperty("fraction").GetDouble() > 0, $"{name} misses {row}")));

        // disagreement.npy: uint8 [H, W], every count between 1 and the number of optimizers.
        (byte[] counts, int[] shape) = NpyReader.Read<byte>(Path.Combine(forward, "disagreement.npy"));
        Assert.Equal([36, 40], shape);
        Assert.All(counts, count => Assert.InRange(count, (byte)1, (byte)3));
        foreach (string file in new[] { "compare.png", "disagreement.png" })
        {
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(Path.Combine(forward, file))[..4]);
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

/// <summary>Bad compare command lines: exit code 2, one line naming the value and the valid choices, nothing written.</summary>
[Collection(InProcessCollection.Name)]
public sealed class CompareValidationTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"compare-validation-{Guid.NewGuid():N}");

    [Theory]
    [InlineData("--optimizers 'gd,sgd': 'sgd' is not an optimizer; valid: gd, momentum, nesterov, rmsprop, adam, newton", "--optimizers", "gd,sgd")]
    [InlineData("--optimizers 'gd,adam,gd': gd is given twice; give each optimizer once", "--optimizers", "gd,adam,gd")]
    [InlineData("--optimizers 'adam': compare needs at least 2 optimizers, e.g. --optimizers gd,adam; valid: gd, momentum", "--optimizers", "adam")]
    [InlineData("--lr 'adam=0.05': adam is not among --optimizers; compared: gd, momentum", "--optimizers", "gd,momentum", "--lr", "adam=0.05")]
    [InlineData("--lr 'gd=0.01,sgd=1': 'sgd' is not an optimizer; valid: gd, momentum", "--optimizers", "gd,momentum", "--lr", "gd=0.01,sgd=1")]
    [InlineData("--lr 'gd=0.01,gd=0.02' gives gd twice", "--optimizers", "gd,momentum", "--lr", "gd=0.01,gd=0.02")]
    [InlineData("--lr 'gd=fast': --lr 'fast' is invalid: it is not a number", "--optimizers", "gd,momentum", "--lr", "gd=fast")]
    [InlineData("momentum: --momentum 1.5 is invalid: it must be in [0, 1)", "--optimizers", "gd,momentum", "--momentum", "momentum=1.5")]
    [InlineData("--device 'cpu,cpu': compare runs its maps one after another on one device", "--optimizers", "gd,adam", "--device", "cpu,cpu")]
    public void Compare_BadInput_ExitsWithCode2AndOneLineNamingTheValue(string expected, params string[] arguments)
    {
        var (code, _, error) = CliRunner.RunInProcess(["compare", "himmelblau", "--grid", "16", .. arguments, "--out", directory]);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(directory), "a refused compare must write nothing");
    }

    [Fact]
    public void Compare_DirectoryHoldingOtherFiles_RefusedWithoutForceAndNothingWritten()
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "notes.txt"), "mine");

        var (code, _, error) = CliRunner.RunInProcess("compare", "himmelblau", "--grid", "16", "--optimizers", "gd,adam", "--out", directory);

        Assert.Equal(2, code);
        Assert.Contains("is not empty (it holds 'notes.txt') and holds no comparison", error);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void Compare_NoOptimizers_ExitsWithCode2()
    {
        var (code, _, error) = CliRunner.RunInProcess("compare", "himmelblau", "--grid", "16", "--out", directory);

        Assert.Equal(2, code);
        Assert.Contains("--optimizers", error);
        Assert.False(Directory.Exists(directory));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
