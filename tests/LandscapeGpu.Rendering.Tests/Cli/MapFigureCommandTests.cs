using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Tests.Figures;

namespace LandscapeGpu.Rendering.Tests.Cli;

/// <summary>The figure options of <c>map</c> as a user runs them.</summary>
public sealed class MapFigureCommandTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoDisplay = new() { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null };
    private readonly string directory = Path.Combine(Path.GetTempPath(), $"landscape-figure-{Guid.NewGuid():N}");

    [Fact]
    public void MapFormatSvg_Model_TitleNamesModelDataLossAndFixedWeightsAndAxesAreTheFreeWeights()
    {
        (int code, _, string error) = CliRunner.RunWith(NoDisplay, "map", "--model", "w3*tanh(w1*x + w2)", "--data", "tanh", "--free", "w1,w3", "--fix", "w2=0.5",
            "--box", "-6,6,-2,2", "--grid", "24x8", "--device", "cpu", "--renderer", "cpu", "--format", "svg", "--out", directory);

        Assert.True(code == 0, error);
        Assert.False(File.Exists(Path.Combine(directory, "basins.png")));
        var texts = SvgFigure.Load(Path.Combine(directory, "basins.svg")).Texts.Select(t => t.Text).ToList();
        Assert.Contains(texts, t => t.Contains("model: mse((w3*tanh(w1*x + w2)) - y) over tanh", StringComparison.Ordinal) && t.Contains("fixed w2=0.5", StringComparison.Ordinal));
        Assert.Contains("w1", texts);
        Assert.Contains("w3", texts);
    }

    [Fact]
    public void MapFormatSvg_Formula_TitleIsTheFormulaAsTyped()
    {
        (int code, _, string error) = CliRunner.RunWith(NoDisplay, "map", "x^2 + 3*y^2", "--grid", "16", "--device", "cpu", "--renderer", "cpu", "--format", "png,svg", "--out", directory);

        Assert.True(code == 0, error);
        Assert.True(File.Exists(Path.Combine(directory, "basins.png")));
        Assert.Contains("f(x, y) = x^2 + 3*y^2", SvgFigure.Load(Path.Combine(directory, "basins.svg")).AllText, StringComparison.Ordinal);
        Assert.Contains("\"formula\": \"x^2 + 3*y^2\"", File.ReadAllText(Path.Combine(directory, "summary.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void MapFormatSvg_RastriginF64_LegendHoldsTheGlobalMinimumAndSummarisesTheRest()
    {
        (int code, _, string error) = CliRunner.RunWith(NoDisplay, "map", "rastrigin", "--precision", "f64", "--tol", "1e-9", "--grid", "96", "--device", "cpu",
            "--renderer", "cpu", "--format", "svg", "--out", directory);

        Assert.True(code == 0, error);
        string text = SvgFigure.Load(Path.Combine(directory, "basins.svg")).AllText;
        Assert.Contains("0 minimum (global) (0, 0), f = 0,", text, StringComparison.Ordinal);
        Assert.Matches(@"and \d+ more minima holding \d+\.\d %", text);
    }

    [Fact]
    public void Map_GridOf100000By1_WritesAFigureThatDecodes()
    {
        (int code, _, string error) = CliRunner.RunWith(NoDisplay, "map", "himmelblau", "--grid", "100000x1", "--steps", "50", "--device", "cpu", "--renderer", "cpu", "--out", directory);

        Assert.True(code == 0, error);
        RgbImage png = PngFile.Read(Path.Combine(directory, "basins.png"));
        Assert.InRange(png.Width, 800, 4000);
    }

    [Theory]
    [InlineData("--format", "gif", "--format 'gif' is invalid: 'gif' is not a format; valid: png, svg, pdf")]
    [InlineData("--dpi", "5", "--dpi 5 is invalid")]
    [InlineData("--size", "20", "--size 20 is invalid")]
    [InlineData("--color-by", "height", "--color-by 'height' is invalid; valid: attractor, loss")]
    public void Map_BadFigureOption_ExitsTwoNamingTheValueAndWritesNothing(string option, string value, string message)
    {
        (int code, _, string error) = CliRunner.RunInProcess("map", "himmelblau", "--grid", "8", option, value, "--out", directory);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(directory));
    }

    [Theory]
    [InlineData(new string[0], "attractor")]
    [InlineData(new[] { "--color-by", "loss" }, "loss")]
    public void Map_ColorBy_WrittenToSummary(string[] extra, string expected)
    {
        (int code, _, string error) = CliRunner.RunWith(NoDisplay, ["map", "himmelblau", "--grid", "16", "--device", "cpu", "--renderer", "cpu", .. extra, "--out", directory]);

        Assert.True(code == 0, error);
        Assert.Contains($"\"colorBy\": \"{expected}\"", File.ReadAllText(Path.Combine(directory, "summary.json")), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
