using LandscapeGpu.Rendering.Cpu;

namespace LandscapeGpu.Rendering.Tests.Cli;

/// <summary>The CLI side: map --renderer and view's argument checks and its message where there is no display.</summary>
[Collection(GlCollection.Name)]
public sealed class ViewAndRendererCommandTests
{
    private static readonly Dictionary<string, string?> NoDisplay = new() { ["DISPLAY"] = null, ["WAYLAND_DISPLAY"] = null };

    [SkippableFact]
    public void MapRendererGl_Himmelblau_WritesTheSameImageSizeAsCpu()
    {
        GlEnvironment.RequireHeadless();
        string directory = Path.Combine(Path.GetTempPath(), $"landscape-gl-{Guid.NewGuid():N}");
        try
        {
            (int glCode, _, string glError) = CliRunner.RunWith(NoDisplay, "map", "himmelblau", "--grid", "32", "--renderer", "gl", "--device", "ilgpu-cpu", "--out", Path.Combine(directory, "gl"));
            (int cpuCode, _, string cpuError) = CliRunner.RunWith(NoDisplay, "map", "himmelblau", "--grid", "32", "--renderer", "cpu", "--device", "ilgpu-cpu", "--out", Path.Combine(directory, "cpu"));

            Assert.True(glCode == 0, glError);
            Assert.True(cpuCode == 0, cpuError);
            RgbImage gl = ImageComparison.ReadPng(Path.Combine(directory, "gl", "basins.png"));
            RgbImage cpu = ImageComparison.ReadPng(Path.Combine(directory, "cpu", "basins.png"));
            Assert.Equal((cpu.Width, cpu.Height), (gl.Width, gl.Height));
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public void View_NoDisplay_ExitsTwoSayingWhatToInstall()
    {
        (int code, _, string error) = CliRunner.RunWith(NoDisplay, "view", "himmelblau", "--size", "64x64", "--screenshot", Path.Combine(Path.GetTempPath(), "never.png"));

        Assert.Equal(2, code);
        Assert.Contains("cannot open the view", error, StringComparison.Ordinal);
        Assert.True(error.Contains("xvfb", StringComparison.Ordinal) || error.Contains("libglfw3", StringComparison.Ordinal), error);
    }
}
