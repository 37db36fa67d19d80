using System.Text.Json;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Series;

namespace LandscapeGpu.Tests.Cli;

/// <summary><c>landscape bifurcation</c>: its files against the engine's diagram, and bad input refused with nothing written.</summary>
[Collection(InProcessCollection.Name)]
public sealed class BifurcationCommandTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"bifurcation-{Guid.NewGuid():N}");

    [Fact]
    public void Bifurcation_Quartic_WritesTheEnginesDiagramAsNpyJsonAndFigures()
    {
        string[] arguments = ["bifurcation", "quartic", "--vary", "lr=0.05:0.25:30", "--starts", "6", "--keep", "12", "--steps", "400", "--format", "png,svg"];

        var (code, output, error) = CliRunner.Run([.. arguments, "--out", directory]);

        Assert.True(code == 0, error);
        Assert.Contains("stationary points: minimum at -1.30084, maximum at 0.169938, minimum at 1.1309", output);
        foreach (string name in new[] { "bifurcation.png", "bifurcation.svg", "bifurcation.npy", "bifurcation.json" })
        {
            Assert.True(new FileInfo(Path.Combine(directory, name)).Length > 0, $"{name} is missing or empty");
        }

        (double[] iterates, int[] shape) = NpyReader.Read<double>(Path.Combine(directory, "bifurcation.npy"));
        Assert.Equal([30, 6, 12], shape);
        var problem = new DescentProblem(BuiltInLandscapes.Find("quartic")!, new OptimizerSettings(OptimizerKind.GradientDescent, 0.01),
            new GridSpec(new Box(-2, 2, 0, 0), 6, 1), 400, 1e-7, Precision.F64, FixedSteps: true);
        BifurcationDiagram expected = Bifurcation.Compute(problem, new ParameterRange(SeriesParameter.LearningRate, 0.05, 0.25, 30), 6, 12, 0);
        Assert.Equal(expected.Iterates, iterates);

        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "bifurcation.json")));
        JsonElement root = json.RootElement;
        Assert.Equal("lr", root.GetProperty("parameter").GetString());
        Assert.Equal(expected.Values, root.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal(12, root.GetProperty("keep").GetInt32());
        Assert.Equal(400, root.GetProperty("steps").GetInt32());
        Assert.Equal(6, root.GetProperty("starts").GetArrayLength());
        Assert.Equal(expected.Dropped, root.GetProperty("dropped").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal(["minimum", "maximum", "minimum"], root.GetProperty("stationaryPoints").EnumerateArray().Select(p => p.GetProperty("kind").GetString()));
        var texts = System.Xml.Linq.XDocument.Load(Path.Combine(directory, "bifurcation.svg")).Descendants()
            .Where(element => element.Name.LocalName == "text").Select(element => element.Value.Trim()).ToList();
        Assert.Contains("lr", texts);
        Assert.Contains("x", texts);
        Assert.Contains(texts, text => text.StartsWith("quartic: f = x^4 - 3x^2 + x", StringComparison.Ordinal));
    }

    [Fact]
    public void Bifurcation_SameCommandTwice_SameArrayBitForBit()
    {
        string[] arguments = ["bifurcation", "x^2/2 - x^4/20", "--vary", "lr=0.5:2.5:16", "--starts", "5", "--keep", "4", "--steps", "300"];
        string second = directory + "-again";
        try
        {
            Assert.Equal(0, CliRunner.RunInProcess([.. arguments, "--out", directory]).ExitCode);
            Assert.Equal(0, CliRunner.RunInProcess([.. arguments, "--out", second]).ExitCode);

            Assert.Equal(File.ReadAllBytes(Path.Combine(directory, "bifurcation.npy")), File.ReadAllBytes(Path.Combine(second, "bifurcation.npy")));
        }
        finally
        {
            if (Directory.Exists(second))
            {
                Directory.Delete(second, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("--vary 'foo=0.1:0.2:3' is invalid: 'foo' cannot be varied here; valid: lr, momentum, beta1, beta2", "quartic", "--vary", "foo=0.1:0.2:3")]
    [InlineData("--vary 'lr=0.3:0.2:3' is invalid: TO (0.2) must be greater than FROM (0.3)", "quartic", "--vary", "lr=0.3:0.2:3")]
    [InlineData("--vary 'lr=0.2:0.2:3' is invalid: TO (0.2) must be greater than FROM (0.2)", "quartic", "--vary", "lr=0.2:0.2:3")]
    [InlineData("--vary 'lr=0.1:0.2:1' is invalid: COUNT (1) must be between 2 and 100000", "quartic", "--vary", "lr=0.1:0.2:1")]
    [InlineData("--vary 'lr=0.1:0.2' is invalid: give lr=FROM:TO:COUNT", "quartic", "--vary", "lr=0.1:0.2")]
    [InlineData("--vary 'lr' is invalid: give PARAM=FROM:TO:COUNT", "quartic", "--vary", "lr")]
    [InlineData("--vary 'lr=0:0.2:3' with --log is invalid: a geometric range needs FROM > 0", "quartic", "--vary", "lr=0:0.2:3", "--log")]
    [InlineData("--vary lr=-0.1:0.2:3 is invalid: it reaches lr -0.1 is invalid: it must be a positive number", "quartic", "--vary", "lr=-0.1:0.2:3")]
    [InlineData("--vary 'steps=1:5:3' is invalid: 'steps' cannot be varied here", "quartic", "--vary", "steps=1:5:3")]
    [InlineData("--vary momentum: the optimizer gd has no momentum", "quartic", "--vary", "momentum=0.1:0.5:3")]
    [InlineData("--vary momentum=0.5:1:3 is invalid: it reaches momentum 1 is invalid: it must be in [0, 1)", "quartic", "--vary", "momentum=0.5:1:3", "--optimizer", "momentum")]
    [InlineData("himmelblau is 2-D: give --coordinate x or y", "himmelblau", "--vary", "lr=0.001:0.01:3")]
    [InlineData("--coordinate 'z' is invalid: himmelblau has x, y", "himmelblau", "--vary", "lr=0.001:0.01:3", "--coordinate", "z")]
    [InlineData("--starts 0 is invalid: it must be between 1 and 10000", "quartic", "--vary", "lr=0.1:0.2:3", "--starts", "0")]
    [InlineData("--keep 102 is invalid: it must be between 1 and 101", "quartic", "--vary", "lr=0.1:0.2:3", "--steps", "100", "--keep", "102")]
    [InlineData("--grid is not an option of bifurcation", "quartic", "--vary", "lr=0.1:0.2:3", "--grid", "64")]
    [InlineData("--device is not an option of bifurcation", "quartic", "--vary", "lr=0.1:0.2:3", "--device", "cpu")]
    [InlineData("--format 'gif' is invalid", "quartic", "--vary", "lr=0.1:0.2:3", "--format", "gif")]
    [InlineData("Option '--vary' is required", "quartic")]
    public void Bifurcation_BadInput_ExitsWithCode2NamingItAndWritesNothing(string expected, params string[] arguments)
    {
        var (code, _, error) = CliRunner.RunInProcess(["bifurcation", .. arguments, "--out", directory]);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(directory), "bad input left output behind");
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
