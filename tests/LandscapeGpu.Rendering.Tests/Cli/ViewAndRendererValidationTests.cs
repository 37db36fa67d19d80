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
}
