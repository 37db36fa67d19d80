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

    [Theory]
    [InlineData("unknown landscape 'nosuch'; valid: himmelblau, rosenbrock", "map", "nosuch")]
    [InlineData("unknown optimizer 'sgdx'; valid: gd, momentum, nesterov, rmsprop, adam, newton", "map", "himmelblau", "--optimizer", "sgdx")]
    [InlineData("--box: box '1,2,3' must be four numbers x0,x1,y0,y1", "map", "himmelblau", "--box", "1,2,3")]
    [InlineData("--box: box '1,0,0,1' is empty: x1 (0) must be greater than x0 (1)", "map", "himmelblau", "--box", "1,0,0,1")]
    [InlineData("--box: box '0,1,2,2' is empty: y1 (2) must be greater than y0 (2)", "map", "himmelblau", "--box", "0,1,2,2")]
    [InlineData("--box: box '0,1,a,2': 'a' is not a finite number", "map", "himmelblau", "--box", "0,1,a,2")]
    [InlineData("--grid '0' is invalid: each side must be between 1 and 1048576", "map", "himmelblau", "--grid", "0")]
    [InlineData("--grid '12y4' is invalid: give N or WxH", "map", "himmelblau", "--grid", "12y4")]
    [InlineData("more than the", "map", "himmelblau", "--grid", "1000000")]
    [InlineData("--lr -0.1 is invalid: it must be a positive number", "map", "himmelblau", "--lr", "-0.1")]
    [InlineData("--steps -5 is invalid: it must be between 1 and 16777216", "map", "himmelblau", "--steps", "-5")]
    [InlineData("--momentum 1 is invalid: it must be in [0, 1)", "map", "himmelblau", "--optimizer", "momentum", "--momentum", "1")]
    [InlineData("--precision 'f16' is invalid; valid: f32, f64", "map", "himmelblau", "--precision", "f16")]
    [InlineData("unknown device 'tpu'; valid: auto, cuda, opencl, cpu, ilgpu-cpu", "map", "himmelblau", "--device", "tpu")]
    [InlineData("--grid '64x2' is invalid for a 1-D landscape", "map", "quartic", "--grid", "64x2")]
    public void Map_BadInput_ExitsWithCode2AndOneLineNamingTheValue(string expected, params string[] arguments)
    {
        var (code, _, error) = CliRunner.Run([.. arguments, "--out", directory]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.StartsWith("landscape: error: ", error);
        Assert.False(Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any(), "bad input left output behind");
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
