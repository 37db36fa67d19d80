using System.Text.Json;

namespace LandscapeGpu.Tests.Cli;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_Json_ReportsStepsFlopsPeakAndMemory()
    {
        var (exitCode, output, error) = CliRunner.Run("bench", "himmelblau", "--device", "cpu", "--grid", "64", "--steps", "20", "--runs", "3", "--json");
        Assert.True(exitCode == 0, error);
        using JsonDocument document = JsonDocument.Parse(output);
        JsonElement root = document.RootElement;
        Assert.Equal("himmelblau", root.GetProperty("landscape").GetString());
        Assert.Equal(64 * 64 * 20, root.GetProperty("descentStepsPerRun").GetInt64());
        Assert.Equal(3, root.GetProperty("runSeconds").GetArrayLength());
        Assert.Equal(18, root.GetProperty("flopsPerStep").GetInt32());
        Assert.Equal(6, root.GetProperty("multipliesPerStep").GetInt32());
        // Half the peak FLOP/s (a multiply-add is 2) over six multiplier operations per step.
        Assert.Equal(root.GetProperty("peakFlopsPerSecond").GetDouble() / 2 / 6, root.GetProperty("multiplierLimitStepsPerSecond").GetDouble(), 1e-6);
        Assert.True(root.GetProperty("stepsPerSecond").GetDouble() > 0);
        Assert.True(root.GetProperty("fractionOfPeak").GetDouble() > 0);
        Assert.Equal("measured", root.GetProperty("peakSource").GetString());
        Assert.True(root.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
        Assert.StartsWith("CPU SIMD", root.GetProperty("device").GetString(), StringComparison.Ordinal);
        Assert.Equal("fixed", root.GetProperty("loop").GetString());
    }

    [Fact]
    public void Bench_ExitChecks_TimesTheEarlyExitLoopOnTheSameWork()
    {
        var (exitCode, output, error) = CliRunner.Run("bench", "himmelblau", "--device", "cpu", "--grid", "48", "--steps", "30", "--runs", "1", "--exit-checks", "--json");
        Assert.True(exitCode == 0, error);
        using JsonDocument document = JsonDocument.Parse(output);
        Assert.Equal("early-exit", document.RootElement.GetProperty("loop").GetString());
        Assert.Equal(48 * 48 * 30, document.RootElement.GetProperty("descentStepsPerRun").GetInt64());
    }

    [Fact]
    public void Bench_Text_PrintsStepsPerSecondAndFractionOfAStatedPeak()
    {
        var (exitCode, output, error) = CliRunner.Run("bench", "styblinski-tang", "--device", "cpu", "--grid", "32", "--steps", "10", "--runs", "1", "--peak-gflops", "100", "--precision", "f64");
        Assert.True(exitCode == 0, error);
        Assert.Contains("descent steps/s", output, StringComparison.Ordinal);
        Assert.Contains("peak (stated, f64 FMA): 5.00e10 FLOP/s", output, StringComparison.Ordinal);
        Assert.Contains("peak working set:", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("256")]
    [InlineData("512")]
    public void Bench_SimdWidthFromTheEnvironment_RunsAndReportsThatWidth(string width)
    {
        var (exitCode, output, error) = CliRunner.RunWith(new Dictionary<string, string?> { ["LANDSCAPE_SIMD_WIDTH"] = width },
            "bench", "himmelblau", "--device", "cpu", "--grid", "40", "--steps", "20", "--runs", "1", "--json");
        Assert.True(exitCode == 0, error);
        using JsonDocument document = JsonDocument.Parse(output);
        Assert.Equal(width, document.RootElement.GetProperty("simdWidth").GetString());
        Assert.Contains($"{width}-bit lanes", document.RootElement.GetProperty("device").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Map_UnknownSimdWidth_ExitsWithCode2NamingTheVariableAndWritesNothing(bool tiled)
    {
        string directory = Path.Combine(Path.GetTempPath(), $"simd-width-{Guid.NewGuid():N}");
        string[] arguments = ["map", "himmelblau", "--device", "cpu", "--grid", "16", "--out", directory, .. (tiled ? new[] { "--tile", "8" } : [])];
        var (exitCode, _, error) = CliRunner.RunWith(new Dictionary<string, string?> { ["LANDSCAPE_SIMD_WIDTH"] = "wide" }, arguments);
        Assert.Equal(2, exitCode);
        Assert.Contains("LANDSCAPE_SIMD_WIDTH='wide' is invalid: it must be auto, 256 or 512", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(directory), "a refused run left its output directory behind");
    }
}
