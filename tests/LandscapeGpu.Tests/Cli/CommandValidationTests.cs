namespace LandscapeGpu.Tests.Cli;

/// <summary>
/// Bad command lines: exit code 2, one line naming the value, nothing written. Each is refused before any work, so
/// the program runs in this process (a process per bad input made these the slowest part of the suite).
/// </summary>
[Collection(InProcessCollection.Name)]
public sealed class CommandValidationTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"validation-{Guid.NewGuid():N}");

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
        var (code, _, error) = CliRunner.RunInProcess([.. arguments, "--out", directory]);
        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.StartsWith("landscape: error: ", error);
        Assert.False(Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any(), "bad input left output behind");
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
    [InlineData("--data 'missing.csv' is neither a shipped data set (line, sine, tanh, xor) nor an existing CSV file", "map", "--model", "w1*x+w2", "--data", "missing.csv")]
    [InlineData("--loss 'huber' is invalid; valid: mse, mae, logcosh", "map", "--model", "w1*x+w2", "--data", "line", "--loss", "huber")]
    [InlineData("--fix 'w2' is invalid: give WEIGHT=NUMBER", "map", "--model", "w3*tanh(w1*x+w2)", "--data", "tanh", "--free", "w1,w3", "--fix", "w2")]
    [InlineData("weight w2 is neither free nor fixed", "map", "--model", "w3*tanh(w1*x+w2)", "--data", "tanh", "--free", "w1,w3")]
    public void Map_BadFormulaOrModel_ExitsWithCode2NamingTheProblem(string expected, params string[] arguments)
    {
        var (code, _, error) = CliRunner.RunInProcess([.. arguments, "--out", directory]);
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
            var (code, _, error) = CliRunner.RunInProcess("map", "--model", "w1*x + w2", "--data", file, "--out", directory);
            Assert.Equal(2, code);
            Assert.Contains(expected, error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("--runs 0 is invalid", "--runs", "0")]
    [InlineData("--peak-gflops -1 is invalid", "--peak-gflops", "-1")]
    [InlineData("unknown device 'gpu'", "--device", "gpu")]
    [InlineData("give one of them", "--exit-checks", "--fixed-steps")]
    public void Bench_BadInput_ExitsWithCode2AndOneLineNamingTheValue(string expected, params string[] arguments)
    {
        var (exitCode, _, error) = CliRunner.RunInProcess(["bench", "himmelblau", "--grid", "8", .. arguments]);
        Assert.Equal(2, exitCode);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("3/2", "--shard '3/2' is invalid: N must be at least 1 and K between 0 and N-1 (here K 3 >= N 2)")]
    [InlineData("0/0", "--shard '0/0' is invalid: N must be at least 1 and K between 0 and N-1 (here N is 0)")]
    [InlineData("x", "--shard 'x' is invalid: give K/N with whole numbers, e.g. 0/4 (K from 0 to N-1)")]
    public void Map_BadShard_ExitsWithCode2NamingTheValue(string shard, string expected)
    {
        string run = Path.Combine(directory, "bad");
        var (code, _, error) = CliRunner.RunInProcess("map", "booth", "--grid", "20", "--shard", shard, "--device", "ilgpu-cpu", "--out", run);

        Assert.Equal(2, code);
        Assert.StartsWith($"landscape: error: {expected}", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(run));
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
