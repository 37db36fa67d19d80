using System.Text.Json;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Tests.Cli;

/// <summary>
/// <c>map --axes</c>: the default axes change nothing, an axes map writes what it varied, and bad axes are refused
/// before any work. Run in this process (small grids on the SIMD engine).
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class MapAxesCommandTests : IDisposable
{
    private static readonly string[] Arrays = ["basins.npy", "steps.npy", "endpoints.npy"];

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"axes-{Guid.NewGuid():N}");

    public static TheoryData<string> Optimizers() => [.. OptimizerSettings.Names];

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Map_ExplicitXYAxes_WritesTheSameArraysAsNoAxes(string optimizer)
    {
        string plain = Path.Combine(directory, "plain"), explicitAxes = Path.Combine(directory, "explicit");
        string[] common = ["map", "himmelblau", "--grid", "24x20", "--steps", "300", "--optimizer", optimizer, "--device", "cpu", "--renderer", "cpu"];
        var (code, _, error) = CliRunner.RunInProcess([.. common, "--out", plain]);
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.RunInProcess([.. common, "--axes", "x,y", "--out", explicitAxes]);
        Assert.True(code == 0, error);
        foreach (string array in Arrays)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(plain, array)).SequenceEqual(File.ReadAllBytes(Path.Combine(explicitAxes, array))), $"{optimizer}: {array} differs");
        }
    }

    [Fact]
    public void Map_LearningRateByMomentum_WritesTheAxesAndTheStartInTheSummary()
    {
        var (code, output, error) = CliRunner.RunInProcess("map", "himmelblau", "--optimizer", "momentum", "--axes", "lr,momentum", "--box", "0.001,0.02,0,0.9",
            "--log-axes", "x", "--start", "0,0", "--grid", "16x12", "--device", "cpu", "--renderer", "cpu", "--out", directory);
        Assert.True(code == 0, error);
        Assert.Contains("lr x momentum on the axes", output);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")));
        JsonElement root = summary.RootElement;
        Assert.Equal(["lr", "momentum"], root.GetProperty("axes").EnumerateArray().Select(axis => axis.GetString()));
        Assert.Equal([0.0, 0.0], root.GetProperty("start").EnumerateArray().Select(value => value.GetDouble()));
        Assert.Equal([true, false], root.GetProperty("logAxes").EnumerateArray().Select(value => value.GetBoolean()));
        Assert.Equal([0.001, 0.02, 0, 0.9], root.GetProperty("box").EnumerateArray().Select(value => value.GetDouble()));
        Assert.Contains(root.GetProperty("attractors").EnumerateArray(), a => Math.Abs(a.GetProperty("x").GetDouble() - 3) < 1e-3 && Math.Abs(a.GetProperty("y").GetDouble() - 2) < 1e-3);
        Assert.True(File.Exists(Path.Combine(directory, "basins.png")));
    }

    [Fact]
    public void Map_AxesInTiles_WritesTheSameArraysAsWhole()
    {
        string whole = Path.Combine(directory, "whole"), tiled = Path.Combine(directory, "tiled");
        string[] common = ["map", "himmelblau", "--optimizer", "nesterov", "--axes", "momentum,lr", "--box", "0,0.9,0.001,0.02", "--log-axes", "y",
            "--start", "-1,1", "--grid", "20x14", "--steps", "400", "--device", "cpu", "--renderer", "cpu"];
        var (code, _, error) = CliRunner.RunInProcess([.. common, "--out", whole]);
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.RunInProcess([.. common, "--tile", "8", "--out", tiled]);
        Assert.True(code == 0, error);
        foreach (string array in Arrays)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(whole, array)).SequenceEqual(File.ReadAllBytes(Path.Combine(tiled, array))), $"{array} differs between whole and tiled");
        }
    }

    [Fact]
    public void Map_AxesShardedOnTwoEnginesThenMerged_WritesTheSameArraysAsWhole()
    {
        string whole = Path.Combine(directory, "whole"), merged = Path.Combine(directory, "merged");
        string first = Path.Combine(directory, "shard0"), second = Path.Combine(directory, "shard1");
        string[] common = ["map", "himmelblau", "--optimizer", "momentum", "--axes", "lr,momentum", "--box", "0.001,0.03,0.5,1", "--log-axes", "x",
            "--start", "0,0", "--grid", "24x20", "--steps", "300", "--renderer", "cpu"];
        var (code, _, error) = CliRunner.RunInProcess([.. common, "--device", "cpu", "--out", whole]);
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.RunInProcess([.. common, "--device", "cpu", "--tile", "8", "--shard", "0/2", "--out", first]);
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.RunInProcess([.. common, "--device", "ilgpu-cpu", "--tile", "8", "--shard", "1/2", "--out", second]);
        Assert.True(code == 0, error);
        (code, _, error) = CliRunner.RunInProcess("merge", first, second, "--out", merged);
        Assert.True(code == 0, error);
        foreach (string array in Arrays)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(whole, array)).SequenceEqual(File.ReadAllBytes(Path.Combine(merged, array))), $"{array} differs between whole and merged shards");
        }

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(merged, "summary.json")));
        Assert.Equal(["lr", "momentum"], summary.RootElement.GetProperty("axes").EnumerateArray().Select(axis => axis.GetString()));
    }

    [Theory]
    [InlineData("--axes 'speed' is invalid: no such axis; valid: x, y, lr, momentum", "--optimizer", "momentum", "--axes", "speed,lr")]
    [InlineData("--axes 'lr,lr' is invalid: give two different axes; valid: x, y, lr", "--axes", "lr,lr")]
    [InlineData("--axes 'momentum' is invalid: adam has no momentum; valid axes for adam on this landscape: x, y, lr, beta1, beta2, eps", "--optimizer", "adam", "--axes", "lr,momentum")]
    [InlineData("--log-axes puts momentum on a log scale, but its range 0,0.9 in --box reaches 0 or below", "--optimizer", "momentum", "--axes", "lr,momentum", "--box", "0.001,0.01,0,0.9", "--log-axes", "y")]
    [InlineData("--axes 'lr:w1' is invalid: a per-weight learning rate names a weight of a model (--model), and this landscape has none; valid: x, y, lr", "--axes", "lr:w1,lr")]
    [InlineData("--axes 'lr' is invalid: give two axes A,B", "--axes", "lr")]
    [InlineData("--log-axes 'z' is invalid; valid: x (the horizontal axis), y (the vertical one), both", "--axes", "lr,x", "--log-axes", "z")]
    [InlineData("--box gives momentum the range 0,1.5: momentum must be in [0, 1)", "--optimizer", "momentum", "--axes", "lr,momentum", "--box", "0,0.01,0,1.5")]
    [InlineData("--start '1' is invalid: give two finite numbers X,Y", "--axes", "lr,x", "--start", "1")]
    [InlineData("--start '0,0' is invalid here: both start coordinates are on the axes", "--start", "0,0")]
    [InlineData("--axes 'y' is invalid: no such axis; valid: x, lr", "quartic-placeholder", "--axes", "lr,y")]
    public void Map_BadAxes_ExitsWithCode2NamingTheValueAndTheValidChoicesAndWritesNothing(string expected, params string[] arguments)
    {
        string landscape = arguments.Length > 0 && arguments[0] == "quartic-placeholder" ? "quartic" : "himmelblau";
        string[] rest = landscape == "quartic" ? arguments[1..] : arguments;
        var (code, _, error) = CliRunner.RunInProcess(["map", landscape, "--grid", "8", "--device", "cpu", .. rest, "--out", directory]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(directory), "a refused command left its output directory behind");
    }

    [Fact]
    public void Map_LearningRatePerWeightOfAModel_NamesTheWeightsRatesInTheSummary()
    {
        var (code, output, error) = CliRunner.RunInProcess("map", "--model", "w2*tanh(w1*x)", "--data", "tanh", "--axes", "lr:w1,lr:w2", "--box", "0.05,1.2,0.05,1.2",
            "--start", "0.5,0.5", "--grid", "12x10", "--steps", "500", "--device", "cpu", "--renderer", "cpu", "--out", directory);
        Assert.True(code == 0, error);
        Assert.Contains("lr:w1 x lr:w2 on the axes", output);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")));
        JsonElement root = summary.RootElement;
        Assert.Equal(["lr:w1", "lr:w2"], root.GetProperty("axes").EnumerateArray().Select(axis => axis.GetString()));
        Assert.Contains(root.GetProperty("attractors").EnumerateArray(), a => Math.Abs(a.GetProperty("x").GetDouble() - 1.5) < 1e-3 && Math.Abs(a.GetProperty("y").GetDouble() - 2) < 1e-3);
    }

    [Theory]
    [InlineData("--axes 'lr:w3' is invalid: w3 is not a free weight of this model (its free weights, the map's x and y: w1, w2); valid: w1, w2, lr, lr:w1, lr:w2", "--axes", "lr:w1,lr:w3")]
    [InlineData("--axes 'lr,lr:w2' is invalid: lr sets the learning rate of every weight, so it cannot share the map with a weight's own; give lr, or per-weight rates (lr:w1, lr:w2)", "--axes", "lr,lr:w2")]
    [InlineData("--box gives lr:w1 the range -0.1,0.5: lr:w1 must be positive", "--axes", "lr:w1,lr:w2", "--box", "-0.1,0.5,0.1,0.5")]
    [InlineData("--axes 'lr:w1,lr:w1' is invalid: give two different axes", "--axes", "lr:w1,lr:w1")]
    public void Map_BadPerWeightLearningRate_ExitsWithCode2NamingTheValueAndWritesNothing(string expected, params string[] arguments)
    {
        var (code, _, error) = CliRunner.RunInProcess(["map", "--model", "w2*tanh(w1*x)", "--data", "tanh", "--grid", "8", "--device", "cpu", .. arguments, "--out", directory]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(directory), "a refused command left its output directory behind");
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
