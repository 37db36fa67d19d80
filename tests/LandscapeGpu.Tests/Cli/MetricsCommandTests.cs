using System.Text.Json;
using LandscapeGpu.Cli.Commands;
using LandscapeGpu.Descents;
using LandscapeGpu.Metrics;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;
using LandscapeGpu.Tests.Devices;

namespace LandscapeGpu.Tests.Cli;

/// <summary>The metrics in summary.json and the footer, and <c>landscape metrics DIR</c> on untiled and tiled runs.</summary>
[Collection(IlgpuCpuCollection.Name)]
public sealed class MetricsCommandTests(IlgpuCpuEngineFixture fixture) : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), $"metrics-{Guid.NewGuid():N}");

    [Fact]
    public void Metrics_TiledRun_EqualsTheUntiledRunsSummaryMetrics()
    {
        string untiled = Path.Combine(root, "untiled"), tiled = Path.Combine(root, "tiled");
        string[] map = ["map", "himmelblau", "--grid", "150x120", "--optimizer", "newton", "--steps", "60", "--box", "-6,6,-6,6", "--device", "cpu", "--box-side", "12"];
        var (code, output, error) = CliRunner.Run([.. map, "--out", untiled]);
        Assert.True(code == 0, error);
        Assert.Contains("basin entropy Sb", output);
        Assert.Contains("uncertainty exponent alpha", output);
        (code, _, error) = CliRunner.Run([.. map, "--tile", "32", "--out", tiled]);
        Assert.True(code == 0, error);

        (code, output, error) = CliRunner.Run("metrics", tiled, "--box-side", "12", "--json");

        Assert.True(code == 0, error);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(untiled, "summary.json")));
        JsonElement expected = summary.RootElement.GetProperty("metrics");
        using JsonDocument printed = JsonDocument.Parse(output);
        Assert.True(JsonElement.DeepEquals(expected, printed.RootElement), $"summary.json: {expected}\nmetrics --json: {output}");
        Assert.Equal(12, expected.GetProperty("boxSide").GetInt32());
        Assert.True(expected.GetProperty("boundaryBoxes").GetInt64() > 0);
        foreach (string field in new[] { "basinEntropy", "boundaryBasinEntropy", "uncertaintyExponent", "boundaryDimension", "uncertaintyCurve", "fractalBoundary" })
        {
            Assert.True(expected.TryGetProperty(field, out _), $"metrics lacks '{field}'");
        }

        // The untiled run's own ids give the same numbers through the engine.
        (int[] ids, _) = NpyReader.Read<int>(Path.Combine(untiled, "basins.npy"));
        BasinMetrics direct = BasinMetrics.Of(ids, 150, 120, 12);
        Assert.Equal(direct.BasinEntropy, expected.GetProperty("basinEntropy").GetDouble());
        Assert.Equal(direct.UncertaintyExponent, expected.GetProperty("uncertaintyExponent").GetDouble());
    }

    [Fact]
    public void Finish_GridOverTheSingleFileLimit_SummaryMetricsStreamedFromTilesEqualTheWholeMaps()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 70, 50);
        BasinMap untiled = MapRunner.Run(problem, fixture.Engine);
        var directory = RunDirectory.Open(root, problem, new TileLayout(problem.Grid, 16), ShardSpec.Whole, resume: false);
        TiledRunner.Run(problem, directory, [fixture.Engine]);

        TiledRunOutputs.Finish(directory, FigureRequest.Default with { Renderer = MapImageRenderer.Cpu }, problem, singleFileLimit: 0, boxSide: 10);

        Assert.False(File.Exists(Path.Combine(root, "basins.npy")));
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "summary.json")));
        BasinMetrics expected = BasinMetrics.Of(untiled.Ids, 70, 50, 10);
        JsonElement metrics = summary.RootElement.GetProperty("metrics");
        Assert.Equal(expected.BasinEntropy, metrics.GetProperty("basinEntropy").GetDouble());
        Assert.Equal(expected.BoundaryBasinEntropy, metrics.GetProperty("boundaryBasinEntropy").GetDouble());
        Assert.Equal(expected.UncertaintyCurve.Select(point => point.BoundaryBoxes),
            metrics.GetProperty("uncertaintyCurve").EnumerateArray().Select(point => point.GetProperty("boundaryBoxes").GetInt64()));
        Assert.Equal(expected.BasinEntropy, RunMetrics.Of(root, 10).BasinEntropy);
    }

    [Fact]
    public void Map_OneDimensionalLandscape_MetricsNullAndSaidSo()
    {
        var (code, output, error) = CliRunner.Run("map", "quartic", "--grid", "64", "--device", "cpu", "--out", root);

        Assert.True(code == 0, error);
        Assert.Contains("basin metrics: none: the 64x1 grid holds no 20x20 box", output);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "summary.json")));
        Assert.Equal(JsonValueKind.Null, summary.RootElement.GetProperty("metrics").ValueKind);
    }

    [Theory]
    [InlineData("map", "himmelblau", "--grid", "30", "--box-side", "31", "--device", "cpu")]
    [InlineData("map", "himmelblau", "--grid", "30", "--box-side", "1", "--device", "cpu")]
    public void Map_BoxSideOutsideTheGrid_Exit2NamingItAndNothingWritten(params string[] arguments)
    {
        var (code, _, error) = CliRunner.Run([.. arguments, "--out", root]);

        Assert.Equal(2, code);
        Assert.Contains($"--box-side {arguments[5]} is invalid: it must be between 2 and the grid's shorter side (30 of 30x30)", error);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public void Metrics_BoxSideOverTheGridOrNoRun_Exit2NamingIt()
    {
        var (code, _, error) = CliRunner.Run("map", "himmelblau", "--grid", "40", "--device", "cpu", "--out", root);
        Assert.True(code == 0, error);

        (code, _, error) = CliRunner.Run("metrics", root, "--box-side", "41");
        Assert.Equal(2, code);
        Assert.Contains("--box-side 41 is invalid: it must be between 2 and the grid's shorter side (40 of 40x40)", error);

        string empty = Path.Combine(root, "empty");
        Directory.CreateDirectory(empty);
        (code, _, error) = CliRunner.Run("metrics", empty);
        Assert.Equal(2, code);
        Assert.Contains("holds no run: it has neither basins.npy nor run.json", error);
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
