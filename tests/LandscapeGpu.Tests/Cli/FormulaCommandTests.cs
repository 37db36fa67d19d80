using System.Text.Json;

namespace LandscapeGpu.Tests.Cli;

public sealed class FormulaCommandTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"formula-{Guid.NewGuid():N}");

    [Fact]
    public void Map_Formula_WritesTheUsualOutputsWithTheFormulaInTheSummary()
    {
        var (code, output, error) = CliRunner.Run("map", "(x^2+y-11)^2 + (x+y^2-7)^2", "--box", "-6,6,-6,6", "--grid", "24", "--device", "ilgpu-cpu", "--out", directory);
        Assert.True(code == 0, error);
        Assert.Contains("global", output);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")));
        Assert.Equal("formula", summary.RootElement.GetProperty("landscape").GetString());
        Assert.Equal("(x^2+y-11)^2 + (x+y^2-7)^2", summary.RootElement.GetProperty("formula").GetString());
        Assert.Equal(4, summary.RootElement.GetProperty("attractors").EnumerateArray().Count(a => a.GetProperty("global").GetBoolean()));
        Assert.True(File.Exists(Path.Combine(directory, "basins.png")));
    }

    [Fact]
    public void Map_Model_FitsTheShippedDataAndReportsBothMirrorMinima()
    {
        var (code, output, error) = CliRunner.Run("map", "--model", "w3*tanh(w1*x + w2)", "--free", "w1,w3", "--fix", "w2=0", "--data", "tanh",
            "--grid", "12", "--lr", "0.2", "--device", "ilgpu-cpu", "--out", directory);
        Assert.True(code == 0, error);
        Assert.Contains("1.500000     2.000000", output);
        Assert.Contains("-1.500000    -2.000000", output);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")));
        Assert.Equal("model", summary.RootElement.GetProperty("landscape").GetString());
        Assert.Contains("w3*tanh(w1*x + w2)", summary.RootElement.GetProperty("formula").GetString());
        // The axes are named by the free weights, in the table's header and in summary.json.
        Assert.Matches(@"id  kind\s+w1\s+w3\s+loss", output);
        Assert.Equal(["w1", "w3"], summary.RootElement.GetProperty("axes").EnumerateArray().Select(axis => axis.GetString()));
    }

    [Fact]
    public void List_NamesTheShippedDataSetsAndTheFormulaFunctions()
    {
        var (code, output, _) = CliRunner.Run("list");
        Assert.Equal(0, code);
        Assert.Contains("tanh              41 rows, inputs x; made by y = 2*tanh(1.5*x)", output);
        Assert.Contains("line ", output);
        Assert.Contains("sigmoid, relu, softplus", output);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
