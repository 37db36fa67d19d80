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
        Assert.Contains("One device: auto (CUDA", help, StringComparison.Ordinal);
        Assert.DoesNotContain("'all'", help, StringComparison.Ordinal);
        Assert.DoesNotContain("comma-separated list", help, StringComparison.Ordinal);
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
}
