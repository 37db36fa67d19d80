namespace LandscapeGpu.Rendering.Tests.Cli;

/// <summary>Bad view and renderer options: refused before any window or work, so run in this process.</summary>
[Collection(InProcessCollection.Name)]
public sealed class ViewAndRendererValidationTests
{
    [Fact]
    public void MapRenderer_UnknownName_ExitsTwoNamingTheValidOnes()
    {
        (int code, _, string error) = CliRunner.RunInProcess("map", "himmelblau", "--grid", "8", "--renderer", "vulkan", "--out", Path.Combine(Path.GetTempPath(), $"landscape-bad-{Guid.NewGuid():N}"));

        Assert.Equal(2, code);
        Assert.Contains("--renderer 'vulkan' is invalid; valid: auto, gl, cpu", error, StringComparison.Ordinal);
    }

    [Fact]
    public void View_GridOption_ExitsTwoPointingToSize()
    {
        (int code, _, string error) = CliRunner.RunInProcess("view", "himmelblau", "--grid", "64");

        Assert.Equal(2, code);
        Assert.Contains("use --size WxH", error, StringComparison.Ordinal);
    }

    [Fact]
    public void View_BadSize_ExitsTwoNamingTheValue()
    {
        (int code, _, string error) = CliRunner.RunInProcess("view", "himmelblau", "--size", "12x9000");

        Assert.Equal(2, code);
        Assert.Contains("--size '12x9000' is invalid", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ViewHelp_Device_OffersOneDeviceOnly_AsViewRefusesSeveral()
    {
        (int helpCode, string help, _) = CliRunner.RunInProcess("view", "--help");
        (int code, _, string error) = CliRunner.RunInProcess("view", "himmelblau", "--device", "all");

        Assert.Equal(0, helpCode);
        // --device's own text (--train, also listed, offers 'all' weights and a comma-separated list of them).
        int start = help.IndexOf("--device", StringComparison.Ordinal);
        Assert.True(start >= 0, help);
        int end = help.IndexOf("\n  -", start, StringComparison.Ordinal);
        string device = end < 0 ? help[start..] : help[start..end];
        Assert.Contains("One device: auto (CUDA", device, StringComparison.Ordinal);
        Assert.DoesNotContain("'all'", device, StringComparison.Ordinal);
        Assert.DoesNotContain("comma-separated list", device, StringComparison.Ordinal);
        Assert.Equal(2, code);
        Assert.Contains("--device 'all' names several devices", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--axes 'speed' is invalid: no such axis; valid: x, y, lr, momentum", "--optimizer", "momentum", "--axes", "lr,speed")]
    [InlineData("--axes 'momentum' is invalid: adam has no momentum", "--optimizer", "adam", "--axes", "lr,momentum")]
    [InlineData("--log-axes puts lr on a log scale, but its range 0,0.03 in --box reaches 0 or below", "--optimizer", "momentum", "--axes", "lr,momentum", "--box", "0,0.03,0.5,1", "--log-axes", "x")]
    public void View_BadAxes_ExitsTwoNamingTheValue(string expected, params string[] arguments)
    {
        (int code, _, string error) = CliRunner.RunInProcess(["view", "himmelblau", "--size", "64x64", .. arguments]);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ViewHelp_NoOverlay_IsListedWithTheKeyThatTogglesIt()
    {
        (int code, string help, _) = CliRunner.RunInProcess("view", "--help");

        Assert.Equal(0, code);
        Assert.Contains("--no-overlay", help, StringComparison.Ordinal);
        Assert.Contains("L: axes, legend and hover info", help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the trained weight w4 has no start: give it one with --init w4=VALUE", "--init", "w3=0.1")]
    [InlineData("--train: a map with --axes descends in its free weights only", "--init", "w3=0.1,w4=-0.5,w5=0.7,w6=-0.2,w7=0.9,w8=-0.8,w9=0.05", "--axes", "lr,w1")]
    public void View_BadTraining_ExitsTwoNamingTheProblem(string expected, params string[] arguments)
    {
        (int code, _, string error) = CliRunner.RunInProcess(
            ["view", "--model", "w7*tanh(w1*x1 + w2*x2 + w3) + w8*tanh(w4*x1 + w5*x2 + w6) + w9", "--data", "xor", "--free", "w1,w2", "--train", "all", "--size", "64x64", .. arguments]);

        Assert.Equal(2, code);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
