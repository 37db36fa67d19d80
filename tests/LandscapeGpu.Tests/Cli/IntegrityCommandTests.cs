using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using LandscapeGpu.Runs;
using LandscapeGpu.Runs.Tiled;
using LandscapeGpu.Tests.Shared;

namespace LandscapeGpu.Tests.Cli;

/// <summary>Issue 11 as a careless or hostile user meets it: two writers, planted files, damaged tiles, odd numbers and data.</summary>
public sealed class IntegrityCommandTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("integrity-cli-").FullName;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Map_SecondWriterOnTheSameOut_IsRefusedAtOnceNamingTheFirstProcess(bool tiled)
    {
        string run = Path.Combine(root, "run");
        // Slow on purpose (ILGPU's CPU simulator): the first writer is still running when the second starts.
        string[] first = ["map", "himmelblau", "--grid", "1024", "--device", "ilgpu-cpu", "--out", run, .. (tiled ? new[] { "--tile", "128" } : [])];
        using Process holder = Start(first);
        try
        {
            WaitFor(() => File.Exists(Path.Combine(run, RunLock.HolderFileName)) || holder.HasExited);
            Assert.False(holder.HasExited, "the first writer ended before the second started");

            var (code, _, error) = CliRunner.Run("map", "himmelblau", "--grid", "1024", "--lr", "0.005", "--device", "ilgpu-cpu", "--out", run);

            Assert.Equal(2, code);
            Assert.Contains($"output directory '{run}' is being written by another landscape process (pid {holder.Id.ToString(CultureInfo.InvariantCulture)}", error);
            Assert.Contains("map himmelblau --grid 1024 --device ilgpu-cpu", error);
            Assert.False(holder.HasExited, "the refused writer disturbed the first");
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
    }

    [Fact]
    public void Map_KilledWhileWritingUntiledOutputsThenRerun_CleansItsTemporariesAndWritesWholeOutputs()
    {
        string run = Path.Combine(root, "run");
        string[] arguments = ["map", "himmelblau", "--grid", "1500", "--device", "cpu", "--out", run];
        using (Process process = Start(arguments))
        {
            // Killed as soon as a temporary output appears (or, on a fast machine, a temporary is left as a kill would).
            WaitFor(() => process.HasExited || (Directory.Exists(run) && Directory.GetFiles(run, $"*{AtomicFile.TemporaryMarker}*").Length > 0), TimeSpan.FromMilliseconds(1));
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
        }

        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, $"basins.npy{AtomicFile.TemporaryMarker}999999-0123456789abcdef"), "left by a killed run");

        var (code, _, error) = CliRunner.Run(arguments);

        Assert.True(code == 0, error);
        Assert.Empty(Directory.GetFiles(run, $"*{AtomicFile.TemporaryMarker}*"));
        Assert.Equal(1500 * 1500 * 4 + 128, new FileInfo(Path.Combine(run, "basins.npy")).Length);
    }

    [Fact]
    public void Map_SummaryLinkedOutsideTheOut_ReplacesTheLinkAndLeavesTheTargetAlone()
    {
        string run = Path.Combine(root, "run"), outside = Path.Combine(root, "outside.txt");
        Directory.CreateDirectory(run);
        File.WriteAllText(outside, "precious");
        File.CreateSymbolicLink(Path.Combine(run, "summary.json"), outside);
        File.CreateSymbolicLink(Path.Combine(run, "basins.npy.tmp-1"), outside);

        var (code, _, error) = CliRunner.Run("map", "himmelblau", "--grid", "32", "--device", "cpu", "--out", run, "--force");

        Assert.True(code == 0, error);
        Assert.Equal("precious", File.ReadAllText(outside));
        Assert.Null(new FileInfo(Path.Combine(run, "summary.json")).LinkTarget);
        Assert.False(Path.Exists(Path.Combine(run, "basins.npy.tmp-1")));
    }

    [Fact]
    public void Map_OutIsASymbolicLink_ExitsWithCode2AndWritesNothing()
    {
        string target = Path.Combine(root, "target"), link = Path.Combine(root, "link");
        Directory.CreateDirectory(target);
        Directory.CreateSymbolicLink(link, target);

        var (code, _, error) = CliRunner.Run("map", "himmelblau", "--grid", "32", "--device", "cpu", "--out", link);

        Assert.Equal(2, code);
        Assert.Contains($"output directory '{link}' is a symbolic link (to '{target}')", error);
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public void MapResume_AByteFlippedInATileFile_RecomputesThatTileAndEqualsTheFirstRun()
    {
        string run = Path.Combine(root, "run");
        string[] arguments = ["map", "muller-brown", "--grid", "64", "--tile", "16", "--device", "cpu", "--out", run];
        Assert.Equal(0, CliRunner.Run(arguments).ExitCode);
        byte[] basins = File.ReadAllBytes(Path.Combine(run, "basins.npy"));
        string damaged = Path.Combine(run, "tiles", "r0001-c0002.basins.npy");
        byte[] bytes = File.ReadAllBytes(damaged);
        Array.Clear(bytes, 128, bytes.Length - 128);
        File.WriteAllBytes(damaged, bytes);

        var (code, _, error) = CliRunner.Run([.. arguments, "--resume"]);

        Assert.True(code == 0, error);
        Assert.Contains($"tile file '{damaged}' is damaged", error);
        Assert.Contains("computing that tile again", error);
        Assert.Equal(basins, File.ReadAllBytes(Path.Combine(run, "basins.npy")));
    }

    [Fact]
    public void Merge_AShardTileTruncated_ExitsWithCode2NamingTheFileAndWritesNoOutput()
    {
        string[] shards = [Path.Combine(root, "s0"), Path.Combine(root, "s1")];
        for (int k = 0; k < 2; k++)
        {
            Assert.Equal(0, CliRunner.Run("map", "himmelblau", "--grid", "64", "--tile", "16", "--shard", $"{k}/2", "--device", "cpu", "--out", shards[k]).ExitCode);
        }

        string truncated = Path.Combine(shards[1], "tiles", "r0000-c0001.steps.npy");
        File.WriteAllBytes(truncated, File.ReadAllBytes(truncated)[..100]);
        string merged = Path.Combine(root, "merged");

        var (code, _, error) = CliRunner.Run("merge", shards[0], shards[1], "--out", merged);

        Assert.Equal(2, code);
        Assert.Contains($"tile file '{truncated}' is damaged", error);
        Assert.False(Directory.Exists(merged));
        Assert.Equal(["s0", "s1"], Directory.GetFileSystemEntries(root).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("x^2+y^2+log(-1)", false)]
    [InlineData("x^2+y^2+log(-1)", true)]
    public void Map_NaNLossAtTheAttractor_SucceedsWritingNullAndKindUndefined(string formula, bool tiled)
    {
        string run = Path.Combine(root, "run");
        var (code, _, error) = CliRunner.Run(["map", formula, "--grid", "32", "--device", "cpu", "--out", run, .. (tiled ? new[] { "--tile", "16" } : [])]);

        Assert.True(code == 0, error);
        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json")));
        JsonElement attractor = summary.RootElement.GetProperty("attractors").EnumerateArray().First();
        Assert.Equal(JsonValueKind.Null, attractor.GetProperty("loss").ValueKind);
        Assert.Equal("undefined", attractor.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData("zeros")]
    [InlineData("fifo")]
    public void Map_DataFromADeviceOrAPipe_ExitsWithCode2AtOnce(string kind)
    {
        string data = Path.Combine(root, "data.csv");
        if (kind == "zeros")
        {
            File.CreateSymbolicLink(data, "/dev/zero");
        }
        else
        {
            using Process mkfifo = Process.Start("mkfifo", [data])!;
            mkfifo.WaitForExit();
        }

        var (code, _, error) = CliRunner.Run("map", "--model", "w1*x+w2", "--data", data, "--grid", "16", "--device", "cpu", "--out", Path.Combine(root, "run"));

        Assert.Equal(2, code);
        Assert.Contains("is empty or not a regular file (a pipe or a device)", error);
    }

    [Fact]
    public void Map_UntiledRunIntoATiledRunsDirectory_IsRefusedUnlessForced()
    {
        string run = Path.Combine(root, "run");
        Assert.Equal(0, CliRunner.Run("map", "himmelblau", "--grid", "32", "--tile", "16", "--device", "cpu", "--out", run).ExitCode);
        byte[] manifest = File.ReadAllBytes(Path.Combine(run, "run.json"));

        var (code, _, error) = CliRunner.Run("map", "himmelblau", "--grid", "32", "--lr", "0.005", "--device", "cpu", "--out", run);
        Assert.Equal(2, code);
        Assert.Contains("holds a tiled run (run.json, tiles/)", error);
        Assert.Equal(manifest, File.ReadAllBytes(Path.Combine(run, "run.json")));

        (code, _, error) = CliRunner.Run("map", "himmelblau", "--grid", "32", "--lr", "0.005", "--device", "cpu", "--out", run, "--force");
        Assert.True(code == 0, error);
        Assert.False(File.Exists(Path.Combine(run, "run.json")));
        Assert.False(Directory.Exists(Path.Combine(run, "tiles")));
    }

    [Fact]
    public void Map_UntiledRunIntoAnotherUntiledRunsDirectory_IsRefusedUnlessForcedAndTheSameCommandMayRerun()
    {
        string run = Path.Combine(root, "run");
        string[] arguments = ["map", "himmelblau", "--grid", "32", "--device", "cpu", "--out", run];
        Assert.Equal(0, CliRunner.Run(arguments).ExitCode);
        Assert.Equal(0, CliRunner.Run(arguments).ExitCode);

        var (code, _, error) = CliRunner.Run("map", "booth", "--grid", "32", "--device", "cpu", "--out", run);
        Assert.Equal(2, code);
        Assert.Contains($"output directory '{run}' holds another run (", error);
        Assert.Contains("landscape 'himmelblau' there, 'booth' here", error);

        Assert.Equal(0, CliRunner.Run("map", "booth", "--grid", "32", "--device", "cpu", "--out", run, "--force").ExitCode);
    }

    [SkippableFact]
    public void Map_UntiledRunLargerThanTheFreeDisk_IsRefusedBeforeComputing()
    {
        string disk = Path.Combine(root, "disk");
        Directory.CreateDirectory(disk);
        using (Process mount = Process.Start(new ProcessStartInfo("mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", disk]) { RedirectStandardError = true })!)
        {
            mount.WaitForExit();
            Skip.If(mount.ExitCode != 0, "mounting a 4 MB tmpfs needs root (CI runs as root)");
        }

        try
        {
            string run = Path.Combine(disk, "run");
            var (code, _, error) = CliRunner.Run("map", "himmelblau", "--grid", "1024", "--device", "cpu", "--out", run);

            Assert.Equal(2, code);
            Assert.Contains("of disk for its output files, more than the", error);
            Assert.DoesNotContain("[", error.Split('\n')[0]);
            Assert.False(Directory.Exists(run));
        }
        finally
        {
            Process.Start("umount", ["-l", disk])!.WaitForExit();
        }
    }

    [Fact]
    public void View_ScreenshotIntoAMissingFolder_ExitsWithCode2BeforeDrawing()
    {
        string missing = Path.Combine(root, "no-such-folder", "view.png");

        var (code, _, error) = CliRunner.Run("view", "himmelblau", "--screenshot", missing);

        Assert.Equal(2, code);
        Assert.Contains($"the folder '{Path.GetDirectoryName(missing)}' does not exist", error);
        Assert.False(Directory.Exists(Path.GetDirectoryName(missing)));
    }

    private static Process Start(string[] arguments)
    {
        Process process = CliRunner.Start(new Dictionary<string, string?>(), arguments);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void WaitFor(Func<bool> condition, TimeSpan? poll = null)
    {
        var clock = Stopwatch.StartNew();
        while (!condition() && clock.Elapsed < TimeSpan.FromMinutes(2))
        {
            Thread.Sleep(poll ?? TimeSpan.FromMilliseconds(10));
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

/// <summary>Issue 11's bad numbers and formulas, run in this process: they end before any work.</summary>
[Collection(InProcessCollection.Name)]
public sealed class IntegrityValidationTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("integrity-validation-").FullName;

    [Theory]
    [InlineData("--lr", "1,5", "--lr '1,5' is invalid: use a dot for decimals (e.g. 1.5)")]
    [InlineData("--lr", "0,01", "--lr '0,01' is invalid: use a dot for decimals (e.g. 0.01)")]
    [InlineData("--momentum", "0,5", "--momentum '0,5' is invalid: use a dot for decimals (e.g. 0.5)")]
    [InlineData("--lr", "", "--lr '' is invalid: give a number")]
    [InlineData("--lr", "inf", "--lr 'inf' is invalid: it must be a finite number, not infinity or NaN")]
    [InlineData("--tol", "NaN", "--tol 'NaN' is invalid: it must be a finite number, not infinity or NaN")]
    [InlineData("--lr", "fast", "--lr 'fast' is invalid: it is not a number")]
    [InlineData("--steps", "1,000", "--steps '1,000' is invalid: give a whole number without commas (e.g. 1000)")]
    [InlineData("--grid", "", "--grid '' is invalid: give N or WxH")]
    public void Map_BadNumber_ExitsWithCode2NamingTheValueInWords(string option, string value, string expected)
    {
        string run = Path.Combine(root, "run");
        var (code, _, error) = CliRunner.RunInProcess("map", "himmelblau", option, value, "--device", "cpu", "--out", run);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("System.", error);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Map_TwoHundredMinusSignsAndX_IsAFormulaErrorNotAnUnknownLandscape()
    {
        var (code, _, error) = CliRunner.RunInProcess("map", new string('-', 200) + "x", "--device", "cpu", "--out", Path.Combine(root, "run"));

        Assert.Equal(2, code);
        Assert.DoesNotContain("unknown landscape", error);
        Assert.Contains("nests more than", error);
    }

    [Fact]
    public void Map_OutNameWithALineBreak_ErrorIsOneLine()
    {
        string blocked = Path.Combine(root, "a\nb");
        File.WriteAllText(blocked, "a file where the directory would go");

        var (code, _, error) = CliRunner.RunInProcess("map", "himmelblau", "--grid", "16", "--device", "cpu", "--out", Path.Combine(blocked, "run"));

        Assert.Equal(2, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("a\\nb", error);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
