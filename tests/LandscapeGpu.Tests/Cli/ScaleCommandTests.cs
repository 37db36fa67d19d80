using System.Diagnostics;
using System.Text.Json;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Cli;

/// <summary>Tiled runs through the real program: interruptions, resume, shards and merge, full disks, bad input.</summary>
public sealed class ScaleCommandTests : IDisposable
{
    // A run of 120 small tiles that takes several seconds on ILGPU's CPU accelerator (each tile's files are
    // flushed to disk): long enough to be killed mid-way again and again.
    private static readonly string[] RunArguments =
        ["map", "rastrigin", "--grid", "96x80", "--steps", "300"];

    private static readonly string[] OutputFiles = ["basins.npy", "steps.npy", "endpoints.npy"];

    private readonly string root = Path.Combine(Path.GetTempPath(), $"scale-{Guid.NewGuid():N}");

    [Fact]
    public void Map_KilledAtRandomPointsThenResumed_EqualsAnUninterruptedRun()
    {
        string reference = Path.Combine(root, "reference"), run = Path.Combine(root, "run");
        var (code, _, error) = CliRunner.Run([.. RunArguments, "--device", "ilgpu-cpu", "--out", reference]);
        Assert.True(code == 0, error);

        // Each attempt is killed once a random number of further tiles is on disk, plus a random few milliseconds,
        // so kills land mid-run (between and inside tile writes) however fast the machine is; a fixed delay let a
        // fast machine finish the whole run before the first kill.
        var random = new Random(20261128);
        string tiles = Path.Combine(run, "tiles");
        int killedMidRun = 0;
        for (int attempt = 0; attempt < 8 && killedMidRun < 5; attempt++)
        {
            int finishedBefore = FinishedTiles(tiles);
            int killAfter = finishedBefore + random.Next(1, 16);
            using Process process = Start([.. RunArguments, "--device", "ilgpu-cpu", "--tile", "8", "--resume", "--out", run]);
            var clock = Stopwatch.StartNew();
            while (!process.HasExited && FinishedTiles(tiles) < killAfter && clock.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(5);
            }

            Thread.Sleep(random.Next(0, 40));
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                killedMidRun++;
            }
        }

        (code, _, error) = CliRunner.Run([.. RunArguments, "--device", "ilgpu-cpu", "--tile", "8", "--resume", "--out", run]);

        Assert.True(code == 0, error);
        Assert.True(killedMidRun >= 3, $"only {killedMidRun} runs were killed before they finished");
        AssertSameOutputs(reference, run);
        Assert.Empty(Directory.GetFiles(run, $"*{AtomicFile.TemporaryMarker}*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Map_CtrlC_StopsAfterTheTilesInFlightWithCode130AndResumesToTheSameResult()
    {
        string reference = Path.Combine(root, "reference"), run = Path.Combine(root, "run");
        Assert.Equal(0, CliRunner.Run([.. RunArguments, "--device", "ilgpu-cpu", "--out", reference]).ExitCode);
        // env resets SIGINT to its default: a test host started in the background may pass it on ignored.
        using Process process = Start([.. RunArguments, "--device", "ilgpu-cpu", "--tile", "8", "--out", run], defaultSigInt: true);
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string tiles = Path.Combine(run, "tiles");
        var clock = Stopwatch.StartNew();
        while (!(Directory.Exists(tiles) && Directory.GetFiles(tiles, "*.json").Length >= 3) && !process.HasExited && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            Thread.Sleep(20);
        }

        Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));

        string errorText = await errors;
        Assert.Equal(130, process.ExitCode);
        Assert.Contains("tiles are finished and kept", errorText);
        Assert.Contains("rerun the same command with --resume", errorText);
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

    [Theory]
    [InlineData("3/2", "--shard '3/2' is invalid: N must be at least 1 and K between 0 and N-1 (here K 3 >= N 2)")]
    [InlineData("0/0", "--shard '0/0' is invalid: N must be at least 1 and K between 0 and N-1 (here N is 0)")]
    [InlineData("x", "--shard 'x' is invalid: give K/N with whole numbers, e.g. 0/4 (K from 0 to N-1)")]
    public void Map_BadShard_ExitsWithCode2NamingTheValue(string shard, string expected)
    {
        string run = Path.Combine(root, "bad");
        var (code, _, error) = CliRunner.Run("map", "booth", "--grid", "20", "--shard", shard, "--device", "ilgpu-cpu", "--out", run);

        Assert.Equal(2, code);
        Assert.StartsWith($"landscape: error: {expected}", error);
        Assert.Single(error.Trim().Split('\n'));
        Assert.False(Directory.Exists(run));
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
            using Process process = Start([.. RunArguments, "--device", "ilgpu-cpu", "--tile", "8", "--out", run]);
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

    private static Process Start(string[] arguments, bool defaultSigInt = false)
    {
        var start = new ProcessStartInfo(defaultSigInt ? "env" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (defaultSigInt)
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "landscape.dll"));
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        return process;
    }

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
