using System.Text.Json;

namespace LandscapeGpu.Tests.Cli;

public sealed class MapCommandTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"map-{Guid.NewGuid():N}");

    [Fact]
    public void Map_Himmelblau_WritesEveryOutputWithTheDocumentedFields()
    {
        var (code, output, error) = CliRunner.Run("map", "himmelblau", "--grid", "48x40", "--device", "ilgpu-cpu", "--out", directory);
        Assert.True(code == 0, error);
        Assert.Contains("device: ILGPU CPU accelerator", error);
        Assert.Contains("global", output);

        foreach (string file in new[] { "basins.png", "summary.json", "basins.npy", "steps.npy", "endpoints.npy" })
        {
            Assert.True(File.Exists(Path.Combine(directory, file)), $"{file} missing");
        }

        Assert.Empty(Directory.GetFiles(directory, "*.tmp-*"));
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")));
        JsonElement root = summary.RootElement;
        Assert.Equal("himmelblau", root.GetProperty("landscape").GetString());
        Assert.Equal(["x", "y"], root.GetProperty("axes").EnumerateArray().Select(axis => axis.GetString()));
        Assert.Equal([-5.0, 5, -5, 5], root.GetProperty("box").EnumerateArray().Select(e => e.GetDouble()));
        Assert.Equal([48, 40], root.GetProperty("grid").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal("gd", root.GetProperty("optimizer").GetProperty("name").GetString());
        Assert.Equal(0.01, root.GetProperty("optimizer").GetProperty("lr").GetDouble());
        Assert.Equal("f32", root.GetProperty("precision").GetString());
        var attractors = root.GetProperty("attractors").EnumerateArray().ToList();
        Assert.Equal(4, attractors.Count(a => a.GetProperty("global").GetBoolean()));
        Assert.All(attractors, a => Assert.Contains(a.GetProperty("kind").GetString(), new[] { "minimum", "saddle", "maximum" }));
        foreach (string field in new[] { "steps", "tol", "device", "diverged", "unconverged", "seconds", "descentSteps", "stepsPerSecond" })
        {
            Assert.True(root.TryGetProperty(field, out _), $"summary.json lacks '{field}'");
        }

        byte[] png = File.ReadAllBytes(Path.Combine(directory, "basins.png"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        // basins.npy: int32 [H, W] after a 64-byte-aligned header.
        byte[] basins = File.ReadAllBytes(Path.Combine(directory, "basins.npy"));
        Assert.Contains("'shape': (40, 48)", System.Text.Encoding.ASCII.GetString(basins, 0, 128));
        Assert.Equal(0, (basins.Length - 40 * 48 * 4) % 64);
        byte[] endpoints = File.ReadAllBytes(Path.Combine(directory, "endpoints.npy"));
        Assert.Contains("'descr': '<f4'", System.Text.Encoding.ASCII.GetString(endpoints, 0, 128));
        Assert.Contains("'shape': (40, 48, 2)", System.Text.Encoding.ASCII.GetString(endpoints, 0, 128));
    }

    [Fact]
    public void Map_FixedSteps_EveryStartTakesTheWholeBudgetAndIsJudgedWhereItEnds()
    {
        var (code, output, error) = CliRunner.Run("map", "himmelblau", "--grid", "40", "--steps", "300", "--fixed-steps", "--device", "cpu", "--out", directory);
        Assert.True(code == 0, error);
        Assert.Contains("exactly 300 steps", output);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")));
        JsonElement root = summary.RootElement;
        Assert.True(root.GetProperty("fixedSteps").GetBoolean());
        Assert.Equal(40 * 40 * 300L, root.GetProperty("descentSteps").GetInt64());
        var attractors = root.GetProperty("attractors").EnumerateArray().ToList();
        Assert.Equal(4, attractors.Count(a => a.GetProperty("global").GetBoolean()));
        Assert.All(attractors, a => Assert.Equal(300, a.GetProperty("meanSteps").GetDouble()));
    }

    [Fact]
    public void Map_OutputPathIsAFile_ExitsWithCode2NamingThePath()
    {
        string file = directory + ".file";
        File.WriteAllText(file, "keep me");
        try
        {
            var (code, _, error) = CliRunner.Run("map", "booth", "--grid", "8", "--device", "ilgpu-cpu", "--out", Path.Combine(file, "run"));
            Assert.Equal(2, code);
            Assert.Contains("cannot be written", error);
            Assert.Equal("keep me", File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void MapHelp_ListsEveryOptionWithItsDefault()
    {
        var (code, output, _) = CliRunner.Run("map", "--help");
        Assert.Equal(0, code);
        foreach (string option in new[] { "--grid", "--box", "--optimizer", "--lr", "--momentum", "--beta1", "--beta2", "--eps", "--steps", "--tol", "--precision", "--device", "--out" })
        {
            Assert.Contains(option, output);
        }

        Assert.Contains("[default: gd]", output);
        Assert.Contains("[default: 512]", output);
        Assert.Contains("[default: auto]", output);
    }

    [Fact]
    public void List_NamesEveryLandscapeAndOptimizer()
    {
        var (code, output, _) = CliRunner.Run("list");
        Assert.Equal(0, code);
        foreach (string name in LandscapeGpu.Landscapes.BuiltInLandscapes.All.Select(e => e.Info.Name).Concat(LandscapeGpu.Optimizers.OptimizerSettings.Names))
        {
            Assert.Contains(name, output);
        }

        Assert.Contains("(3, 2) -> 0", output);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
