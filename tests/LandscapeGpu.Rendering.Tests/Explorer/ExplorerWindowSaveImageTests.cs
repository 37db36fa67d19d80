using LandscapeGpu.Rendering.Cpu;
using LandscapeGpu.Rendering.Explorer;

namespace LandscapeGpu.Rendering.Tests.Explorer;

/// <summary>Saving the view's image (the S key, --screenshot) needs no window: a plain file write, done safely.</summary>
public sealed class ExplorerWindowSaveImageTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("landscape-save-image-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void SaveImage_LinkPlantedAtTheOldTemporaryName_WritesThePngAndNeverThroughTheLink()
    {
        string path = Path.Combine(directory, "view.png");
        string victim = Path.Combine(directory, "victim.txt");
        File.WriteAllText(victim, "keep me");
        File.CreateSymbolicLink(path + ".tmp", victim);
        var image = new RgbImage(3, 2);

        ExplorerWindow.SaveImage(image, path);

        Assert.Equal("keep me", File.ReadAllText(victim));
        RgbImage written = PngFile.Read(path);
        Assert.Equal((3, 2), (written.Width, written.Height));
        Assert.Equal(["victim.txt", "view.png", "view.png.tmp"], Directory.GetFileSystemEntries(directory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
