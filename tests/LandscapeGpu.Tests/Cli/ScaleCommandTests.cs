using System.Diagnostics;
using System.Text.Json;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Cli;

/// <summary>Tiled runs through the real program: interruptions, resume, shards and merge, full disks, bad input.</summary>
public sealed class ScaleCommandTests : IDisposable
{
    // A run of 120 small tiles on ILGPU's CPU accelerator, each tile's files flushed to disk: many points to stop at.
    private static readonly string[] RunArguments =
        ["map", "rastrigin", "--grid", "96x80", "--steps", "300"];

    private static readonly string[] OutputFiles = ["basins.npy", "steps.npy", "endpoints.npy"];

    private readonly string root = Path.Combine(Path.GetTempPath(), $"scale-{Guid.NewGuid():N}");

    [Fact]
    public void Map_KilledAfterSomeTilesThenResumed_EqualsAnUninterruptedRun()
    {
        string reference = Path.Combine(root, "reference"), run = Path.Combine(root, "run");
        var (code, _, error) = CliRunner.Run([.. RunArguments, "--device", "ilgpu-cpu", "--out", reference]);
        Assert.True(code == 0, error);

        // Each attempt kills itself (SIGKILL, through the test hook) once it has finished a few more tiles: the kills
        // land at known points of the run however fast the machine is, and every attempt makes progress.
        string tiles = Path.Combine(run, "tiles");
        int[] tilesPerAttempt = [3, 7, 1, 12, 5];
        int expectedTiles = 0;
        foreach (int killAfter in tilesPerAttempt)
        {
            var kill = new Dictionary<string, string?> { ["LANDSCAPE_TEST_KILL_AFTER_TILES"] = killAfter.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            (code, _, error) = CliRunner.RunWith(kill, [.. RunArguments, "--device", "ilgpu-cpu", "--tile", "8", "--resume", "--out", run]);
            expectedTiles += killAfter;

            Assert.True(code == 137, $"exit {code} instead of a kill: {error}");
            Assert.Equal(expectedTiles, FinishedTiles(tiles));
        }

        (code, _, error) = CliRunner.Run([.. RunArguments, "--device", "ilgpu-cpu", "--tile", "8", "--resume", "--out", run]);

        Assert.True(code == 0, error);
        AssertSameOutputs(reference, run);
        Assert.Empty(Directory.GetFiles(run, $"*{AtomicFile.TemporaryMarker}*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Map_CtrlC_StopsAfterTheTilesInFlightWithCode130AndResumesToTheSameResult()
    {
        string reference = Path.Combine(root, "reference"), run = Path.Combine(root, "run");
        Assert.Equal(0, CliRunner.Run([.. RunArguments, "--device", "ilgpu-cpu", "--out", reference]).ExitCode);
        // The run sends itself SIGINT after 3 tiles (the test hook), through env, which resets SIGINT to its default:
        // a test host started in the background may pass it on ignored.
        var interrupt = new Dictionary<string, string?> { ["LANDSCAPE_TEST_INTERRUPT_AFTER_TILES"] = "3" };
        using Process process = CliRunner.Start(interrupt, [.. RunArguments, "--device", "ilgpu-cpu", "--tile", "8", "--out", run], defaultSigInt: true);
        Task<string> errors = process.StandardError.ReadToEndAsync();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(CliRunner.Timeout));

        string errorText = await errors;
        await output;
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("landscape: interrupted: 3 of 120 tiles are finished and kept", errorText);
        Assert.Contains("rerun the same command with --resume", errorText);
        Assert.Equal(3, FinishedTiles(Path.Combine(run, "tiles")));
        Assert.Empty(Directory.GetFiles(run, $"*{AtomicFile.TemporaryMarker}*", SearchOption.AllDirectories));
        var (code, _, error) = CliRunner.Run([.. RunArguments, "--device", "ilgpu-cpu", "--tile", "8", "--resume", "--out", run]);
        Assert.True(code == 0, error);
        AssertSameOutputs(reference, run);
    }

    [Fact]
    public void MapShardsThenMerge_ThreeShardsAndTwoDevices_EqualsTheSingleRun()
    {
        string reference = Path.Combine(root, "reference");
        Assert.Equal(0, CliRunner.Run([.. RunArguments, "--device", "ilgpu-cpu", "--out", reference]).ExitCode);
        var shards = new List<string>();
        for (int k = 0; k < 3; k++)
        {
            string shard = Path.Combine(root, $"shard-{k}");
            var (code, output, error) = CliRunner.Run([.. RunArguments, "--tile", "16", "--shard", $"{k}/3", "--device", "ilgpu-cpu,ilgpu-cpu", "--out", shard]);
            Assert.True(code == 0, error);
            Assert.Contains($"shard {k}/3 done", output);
            Assert.Equal(2, error.Split('\n').Count(line => line.StartsWith("device: ", StringComparison.Ordinal)));
            shards.Add(shard);
        }

        string merged = Path.Combine(root, "merged");
        var (mergeCode, mergeOutput, mergeError) = CliRunner.Run(["merge", .. shards, "--out", merged]);

        Assert.True(mergeCode == 0, mergeError);
        Assert.Contains("global", mergeOutput);
        AssertSameOutputs(reference, merged);
    }

    [Fact]
    public void MapShardsThenMerge_FormulaLandscape_EqualsTheSingleRun()
    {
        string[] arguments = ["map", "(x^2+y-11)^2 + (x+y^2-7)^2 + 0.5*x", "--grid", "40x30", "--box", "-5,5,-5,5", "--device", "ilgpu-cpu"];
        string reference = Path.Combine(root, "reference"), a = Path.Combine(root, "a"), b = Path.Combine(root, "b");
        Assert.Equal(0, CliRunner.Run([.. arguments, "--out", reference]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. arguments, "--tile", "16", "--shard", "0/2", "--out", a]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. arguments, "--tile", "16", "--shard", "1/2", "--out", b]).ExitCode);

        var (code, _, error) = CliRunner.Run("merge", a, b, "--out", Path.Combine(root, "merged"));

        Assert.True(code == 0, error);
        AssertSameOutputs(reference, Path.Combine(root, "merged"));
    }

    [Fact]
    public void Merge_ShardsOfDifferentCommandLines_ExitsWithCode2NamingTheDifference()
    {
        string a = Path.Combine(root, "a"), b = Path.Combine(root, "b");
        Assert.Equal(0, CliRunner.Run("map", "booth", "--grid", "20", "--tile", "8", "--shard", "0/2", "--device", "ilgpu-cpu", "--out", a).ExitCode);
        Assert.Equal(0, CliRunner.Run("map", "booth", "--grid", "20", "--tile", "8", "--shard", "1/2", "--steps", "50", "--device", "ilgpu-cpu", "--out", b).ExitCode);

        var (code, _, error) = CliRunner.Run("merge", a, b, "--out", Path.Combine(root, "merged"));

        Assert.Equal(2, code);
        Assert.StartsWith("landscape: error: shards ", error);
        Assert.Contains("are of different command lines (steps '", error);
        Assert.False(Directory.Exists(Path.Combine(root, "merged")));
    }

    [Fact]
    public void Merge_AShardMissing_ExitsWithCode2NamingTheMissingTiles()
    {
        string a = Path.Combine(root, "a");
        Assert.Equal(0, CliRunner.Run("map", "booth", "--grid", "20", "--tile", "8", "--shard", "0/2", "--device", "ilgpu-cpu", "--out", a).ExitCode);

        var (code, _, error) = CliRunner.Run("merge", a, "--out", Path.Combine(root, "merged"));

        Assert.Equal(2, code);
        Assert.Contains("the shards given (0/2) lack 4 of 9 tiles (first: r0000-c0001, tile 1)", error);
    }

    [Fact]
    public void Map_ChangedCommandLineOnAnExistingRun_ExitsWithCode2AndLeavesItAlone()
    {
        string run = Path.Combine(root, "run");
        Assert.Equal(0, CliRunner.Run("map", "booth", "--grid", "20", "--tile", "8", "--device", "ilgpu-cpu", "--out", run).ExitCode);
        byte[] basins = File.ReadAllBytes(Path.Combine(run, "basins.npy"));

        var (code, _, error) = CliRunner.Run("map", "booth", "--grid", "24", "--tile", "8", "--resume", "--device", "ilgpu-cpu", "--out", run);

        Assert.Equal(2, code);
        Assert.Contains("holds a different run (grid '20x20' there, '24x24' here); use another --out, or delete it to start over", error);
        Assert.Equal(basins, File.ReadAllBytes(Path.Combine(run, "basins.npy")));
    }

    [SkippableFact]
    public void Map_DiskFillsUpMidRun_ExitsNonZeroKeepsFinishedTilesAndResumes()
    {
        string reference = Path.Combine(root, "reference"), disk = Path.Combine(root, "disk"), run = Path.Combine(disk, "run");
        Directory.CreateDirectory(disk);
        Skip.IfNot(Mount(disk), "mounting a 4 MB tmpfs needs root (CI runs as root)");
        try
        {
            Assert.Equal(0, CliRunner.Run([.. RunArguments, "--device", "ilgpu-cpu", "--out", reference]).ExitCode);
            using Process process = CliRunner.Start(new Dictionary<string, string?>(), [.. RunArguments, "--device", "ilgpu-cpu", "--tile", "8", "--out", run]);
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            Task<string> errors = process.StandardError.ReadToEndAsync();
            var clock = Stopwatch.StartNew();
            while (!(Directory.Exists(Path.Combine(run, "tiles")) && Directory.GetFiles(Path.Combine(run, "tiles"), "*.json").Length >= 2) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(20);
            }

            string filler = Path.Combine(disk, "filler");
            FillUp(filler);
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));

            Assert.NotEqual(0, process.ExitCode);
            Assert.Contains("No space left on device", errors.Result);
            Assert.Contains("tiles are finished and kept; rerun with --resume", errors.Result);
            int kept = Directory.GetFiles(Path.Combine(run, "tiles"), "*.json").Length;
            Assert.InRange(kept, 2, 119);
            Assert.Empty(Directory.GetFiles(run, $"*{AtomicFile.TemporaryMarker}*", SearchOption.AllDirectories));

            File.Delete(filler);
            var (code, _, error) = CliRunner.Run([.. RunArguments, "--device", "ilgpu-cpu", "--tile", "8", "--resume", "--out", run]);
            Assert.True(code == 0, error);
            AssertSameOutputs(reference, run);
        }
        finally
        {
            Process.Start("umount", ["-l", disk])!.WaitForExit();
        }
    }

    private static bool Mount(string directory)
    {
        try
        {
            using Process mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", directory])
            {
                RedirectStandardError = true,
            })!;
            mount.WaitForExit();
            return mount.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private static void FillUp(string path)
    {
        var block = new byte[4096];
        try
        {
            using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
            while (true)
            {
                stream.Write(block);
                stream.Flush();
            }
        }
        catch (IOException)
        {
            // Full: what the test wants.
        }
    }

    // Tile records are written last, once a tile's files are complete (a missing folder: none yet).
    private static int FinishedTiles(string tiles) =>
        Directory.Exists(tiles) ? Directory.GetFiles(tiles, "*.json").Length : 0;

    private static void AssertSameOutputs(string expected, string actual)
    {
        foreach (string file in OutputFiles)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs");
        }

        using JsonDocument a = JsonDocument.Parse(File.ReadAllText(Path.Combine(expected, "summary.json")));
        using JsonDocument b = JsonDocument.Parse(File.ReadAllText(Path.Combine(actual, "summary.json")));
        foreach (string field in new[] { "attractors", "diverged", "unconverged", "descentSteps", "grid", "optimizer" })
        {
            Assert.Equal(a.RootElement.GetProperty(field).GetRawText(), b.RootElement.GetProperty(field).GetRawText());
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
