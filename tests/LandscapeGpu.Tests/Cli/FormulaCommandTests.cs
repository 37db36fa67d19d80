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
    }

    [Theory]
    [InlineData("the formula is empty", "map", "")]
    [InlineData("unbalanced parentheses: '(' at column 1 is never closed", "map", "(x+y")]
    [InlineData("unknown function 'sinn' at column 5", "map", "x + sinn(y)")]
    [InlineData("unknown name 'z' at column 5; this formula may use x and y", "map", "x + z")]
    [InlineData("unknown landscape 'himmelblu'; valid: himmelblau", "map", "himmelblu")]
    [InlineData("--model needs --data", "map", "--model", "w2*tanh(w1*x)")]
    [InlineData("--data is for a model: add --model FORMULA", "map", "himmelblau", "--data", "tanh")]
    [InlineData("give either a landscape ('booth') or --model, not both", "map", "booth", "--model", "w1*x+w2", "--data", "line")]
    [InlineData("--data 'missing.csv' is neither a shipped data set (line, sine, tanh) nor an existing CSV file", "map", "--model", "w1*x+w2", "--data", "missing.csv")]
    [InlineData("--loss 'huber' is invalid; valid: mse, mae, logcosh", "map", "--model", "w1*x+w2", "--data", "line", "--loss", "huber")]
    [InlineData("--fix 'w2' is invalid: give WEIGHT=NUMBER", "map", "--model", "w3*tanh(w1*x+w2)", "--data", "tanh", "--free", "w1,w3", "--fix", "w2")]
    [InlineData("weight w2 is neither free nor fixed", "map", "--model", "w3*tanh(w1*x+w2)", "--data", "tanh", "--free", "w1,w3")]
    public void Map_BadFormulaOrModel_ExitsWithCode2NamingTheProblem(string expected, params string[] arguments)
    {
        var (code, _, error) = CliRunner.Run([.. arguments, "--out", directory]);
        Assert.Equal(2, code);
        Assert.StartsWith("landscape: error: ", error);
        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(directory), "bad input left output behind");
    }

    [Theory]
    [InlineData("", "is empty")]
    [InlineData("x,y\n1,2\n3\n", "line 3: 1 cells, but the header has 2 columns")]
    [InlineData("x,y\n1,abc\n", "line 2, column 'y': 'abc' is not a number")]
    [InlineData("x,z\n1,2\n", "has no 'y' column")]
    [InlineData("x,y\n1,nan\n", "line 2, column 'y': 'nan' is not finite")]
    public void Map_BadCsv_ExitsWithCode2NamingTheLine(string csv, string expected)
    {
        string file = directory + ".csv";
        File.WriteAllText(file, csv);
        try
        {
            var (code, _, error) = CliRunner.Run("map", "--model", "w1*x + w2", "--data", file, "--out", directory);
            Assert.Equal(2, code);
            Assert.Contains(expected, error);
        }
        finally
        {
            File.Delete(file);
        }
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
