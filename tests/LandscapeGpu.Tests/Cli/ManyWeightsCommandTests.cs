using System.Text.Json;
using LandscapeGpu.Runs;
using LandscapeGpu.Tests.Shared;

namespace LandscapeGpu.Tests.Cli;

public sealed class ManyWeightsCommandTests : IDisposable
{
    private const string Xor = "w7*tanh(w1*x1 + w2*x2 + w3) + w8*tanh(w4*x1 + w5*x2 + w6) + w9";
    private const string XorStarts = "w3=0.1,w4=-0.5,w5=0.7,w6=-0.2,w7=0.9,w8=-0.8,w9=0.05";

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"many-{Guid.NewGuid():N}");

    [Fact]
    public void Map_TrainOnlyTheFreeWeights_WritesExactlyTodaysOutputs()
    {
        string today = Path.Combine(directory, "today");
        string trained = Path.Combine(directory, "trained");
        string[] common = ["map", "--model", Xor, "--data", "xor", "--free", "w1,w2", "--fix", XorStarts, "--grid", "20x16", "--steps", "400", "--device", "cpu"];
        var (todayCode, _, todayError) = CliRunner.Run([.. common, "--out", today]);
        var (trainedCode, _, trainedError) = CliRunner.Run([.. common, "--train", "w2,w1", "--out", trained]);
        Assert.True(todayCode == 0, todayError);
        Assert.True(trainedCode == 0, trainedError);
        foreach (string file in new[] { "basins.npy", "steps.npy", "endpoints.npy", "valleyPosition.npy" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(today, file)), File.ReadAllBytes(Path.Combine(trained, file)));
        }

        Assert.Equal(WithoutTimes(Path.Combine(today, "summary.json")), WithoutTimes(Path.Combine(trained, "summary.json")));
    }

    [Fact]
    public void Map_TrainAll_WritesEveryTrainedWeightOfEveryEndpointAndAttractor()
    {
        var (code, output, error) = CliRunner.Run("map", "--model", Xor, "--data", "xor", "--free", "w1,w2", "--train", "all", "--init", XorStarts,
            "--grid", "12x10", "--steps", "600", "--device", "cpu", "--out", directory);
        Assert.True(code == 0, error);
        Assert.Contains("model in 9 weights", output);

        (float[] endpoints, int[] shape) = NpyReader.Read<float>(Path.Combine(directory, "endpoints.npy"));
        Assert.Equal([10, 12, 9], shape);
        // The cell-centre start of (w1, w2) and the given starts of the others move: the first endpoint is not its start.
        Assert.NotEqual(0.1f, endpoints[2]);
        (int[] ids, int[] idShape) = NpyReader.Read<int>(Path.Combine(directory, "basins.npy"));
        Assert.Equal([10, 12], idShape);

        using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")));
        JsonElement root = summary.RootElement;
        string[] names = ["w1", "w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9"];
        Assert.Equal(names, root.GetProperty("weights").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(names, root.GetProperty("trained").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["w1", "w2"], root.GetProperty("axes").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(-0.8, root.GetProperty("init").GetProperty("w8").GetDouble());
        Assert.Empty(root.GetProperty("fixed").EnumerateObject());
        JsonElement[] attractors = [.. root.GetProperty("attractors").EnumerateArray()];
        Assert.NotEmpty(attractors);
        Assert.All(attractors, attractor => Assert.Equal(9, attractor.GetProperty("weights").GetArrayLength()));
        Assert.All(ids, id => Assert.True(id < attractors.Length || id < 0));
        Assert.True(File.Exists(Path.Combine(directory, "basins.png")));

        // Where along its valley each start ended: 0 to 1 for a valley's starts, NaN for every other start.
        (float[] positions, int[] positionShape) = NpyReader.Read<float>(Path.Combine(directory, "valleyPosition.npy"));
        Assert.Equal([10, 12], positionShape);
        for (int i = 0; i < ids.Length; i++)
        {
            bool valley = ids[i] >= 0 && attractors[ids[i]].GetProperty("kind").GetString() == "valley";
            Assert.True(valley ? positions[i] is >= 0 and <= 1 : float.IsNaN(positions[i]), $"start {i} (attractor {ids[i]}): position {positions[i]}");
        }
    }

    [Fact]
    public void Map_TrainAllOnTheIlgpuKernel_WritesTheSimdEnginesEndpointsBitForBit()
    {
        string[] common = ["map", "--model", Xor, "--data", "xor", "--free", "w1,w2", "--train", "all", "--init", XorStarts, "--grid", "9x7", "--steps", "150"];
        string simd = Path.Combine(directory, "simd");
        string kernel = Path.Combine(directory, "kernel");
        var (simdCode, _, simdError) = CliRunner.Run([.. common, "--device", "cpu", "--out", simd]);
        var (kernelCode, _, kernelError) = CliRunner.Run([.. common, "--device", "ilgpu-cpu", "--out", kernel]);
        Assert.True(simdCode == 0, simdError);
        Assert.True(kernelCode == 0, kernelError);
        foreach (string file in new[] { "endpoints.npy", "steps.npy", "basins.npy" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(simd, file)), File.ReadAllBytes(Path.Combine(kernel, file)));
        }
    }

    public static TheoryData<string[], string> BadChoices() => new()
    {
        { ["--train", "w1,w2,w10", "--init", XorStarts], "--train w10: the model has no weight 'w10'" },
        { ["--train", "w1,w2,w3,w4,w5,w6,w7,w8,w9", "--init", "w3=0.1,w4=-0.5,w5=0.7,w6=-0.2,w7=0.9,w8=-0.8", "--fix", "w9=0"], "--train w9: w9 is also held constant by --fix" },
        { ["--train", "all", "--init", "w3=0.1"], "the trained weight w4 has no start: give it one with --init w4=VALUE" },
        { ["--train", "all,w3", "--init", XorStarts], "'all' trains every weight not fixed and stands alone" },
        { ["--init", XorStarts], "--init gives the starts of trained weights: add --train" },
        { ["--train", "all", "--init", XorStarts, "--tile", "8", "--resume", "--force"], "--force starts over and --resume continues: give one of them" },
    };

    [Theory]
    [MemberData(nameof(BadChoices))]
    public void Map_BadChoice_ExitsWithCode2NamingItAndWritesNothing(string[] choice, string message)
    {
        var (code, _, error) = CliRunner.Run(["map", "--model", Xor, "--data", "xor", "--free", "w1,w2", "--grid", "8", "--device", "cpu", "--out", directory, .. choice]);
        Assert.Equal(2, code);
        Assert.Contains(message, error);
        Assert.False(Path.Exists(directory));
    }

    [Fact]
    public void Map_TrainAllOnSeveralDevices_ExitsWithCode2NamingItAndWritesNothing()
    {
        var (code, _, error) = CliRunner.Run("map", "--model", Xor, "--data", "xor", "--free", "w1,w2", "--train", "all", "--init", XorStarts,
            "--grid", "8", "--device", "cpu,ilgpu-cpu", "--out", directory);
        Assert.Equal(2, code);
        Assert.Contains("several devices are not supported yet for a map that trains more weights", error);
        Assert.False(Path.Exists(directory));
    }

    // A 16x13 grid in tiles of 5: 4x3 tiles, the last column and row narrower; long enough that several attractors form.
    private static readonly string[] TiledXor = ["map", "--model", Xor, "--data", "xor", "--free", "w1,w2", "--train", "all", "--init", XorStarts,
        "--grid", "16x13", "--steps", "1500", "--lr", "0.1", "--device", "cpu"];

    private static readonly string[] MapFiles = ["basins.npy", "steps.npy", "endpoints.npy", "valleyPosition.npy"];

    private void AssertSameMap(string expected, string actual)
    {
        foreach (string file in MapFiles)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(expected, file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, file))), $"{file} differs in {actual}");
        }

        Assert.Equal(WithoutTimes(Path.Combine(expected, "summary.json")), WithoutTimes(Path.Combine(actual, "summary.json")));
    }

    private static void Succeeds((int Code, string Output, string Error) run) => Assert.True(run.Code == 0, run.Error);

    [Fact]
    public void Map_TrainAllInTilesAndInMergedShards_WritesTheUntiledFilesByteForByte()
    {
        string whole = Path.Combine(directory, "whole");
        string tiled = Path.Combine(directory, "tiled");
        string[] shards = [Path.Combine(directory, "s0"), Path.Combine(directory, "s1")];
        string merged = Path.Combine(directory, "merged");
        Succeeds(CliRunner.Run([.. TiledXor, "--out", whole]));
        Succeeds(CliRunner.Run([.. TiledXor, "--tile", "5", "--out", tiled]));
        Assert.Equal(12, Directory.GetFiles(Path.Combine(tiled, "tiles"), "*.weightBuckets.json").Length);
        for (int shard = 0; shard < 2; shard++)
        {
            var (code, output, error) = CliRunner.Run([.. TiledXor, "--tile", "5", "--shard", $"{shard}/2", "--out", shards[shard]]);
            Assert.True(code == 0, error);
            Assert.Contains($"shard {shard}/2 done", output);
            Assert.False(File.Exists(Path.Combine(shards[shard], "basins.npy")));
        }

        var (mergeCode, mergeOutput, mergeError) = CliRunner.Run("merge", shards[0], shards[1], "--out", merged);
        Assert.True(mergeCode == 0, mergeError);
        Assert.Contains("--resume --out", mergeOutput);
        Succeeds(CliRunner.Run([.. TiledXor, "--tile", "5", "--resume", "--out", merged]));

        using (JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(whole, "summary.json"))))
        {
            // The comparison means something: the map has several attractors and its ids are not all one.
            Assert.True(summary.RootElement.GetProperty("attractors").GetArrayLength() >= 3);
        }

        AssertSameMap(whole, tiled);
        AssertSameMap(whole, merged);
    }

    [Fact]
    public void Map_TrainAllResumedAfterATileWasDeletedOrDamaged_WritesTheUntiledFiles()
    {
        string whole = Path.Combine(directory, "whole");
        string tiled = Path.Combine(directory, "tiled");
        Succeeds(CliRunner.Run([.. TiledXor, "--out", whole]));
        Succeeds(CliRunner.Run([.. TiledXor, "--tile", "5", "--out", tiled]));
        string tiles = Path.Combine(tiled, "tiles");
        string[] records = Directory.GetFiles(tiles, "*.json").Where(path => !path.EndsWith(".weightBuckets.json", StringComparison.Ordinal) && !path.EndsWith("index.json", StringComparison.Ordinal)).Order().ToArray();
        // One tile deleted (its record: the tile is not done), another's bucket table damaged (its hash no longer matches).
        File.Delete(records[4]);
        string table = Directory.GetFiles(tiles, "*.weightBuckets.json").Order().ToArray()[7];
        File.WriteAllText(table, File.ReadAllText(table).Replace("\"counts\":[", "\"counts\":[1", StringComparison.Ordinal));
        foreach (string file in MapFiles)
        {
            File.Delete(Path.Combine(tiled, file));
        }

        var (code, _, error) = CliRunner.Run([.. TiledXor, "--tile", "5", "--resume", "--out", tiled]);
        Assert.True(code == 0, error);
        Assert.Contains("computing that tile again", error);
        AssertSameMap(whole, tiled);
    }

    [Fact]
    public void Merge_ShardsOfOtherStarts_ExitsWithCode2NamingTheStarts()
    {
        string[] shards = [Path.Combine(directory, "s0"), Path.Combine(directory, "s1")];
        string[] small = ["map", "--model", Xor, "--data", "xor", "--free", "w1,w2", "--train", "all", "--grid", "8x6", "--steps", "50", "--device", "cpu", "--tile", "4"];
        Succeeds(CliRunner.Run([.. small, "--init", XorStarts, "--shard", "0/2", "--out", shards[0]]));
        Succeeds(CliRunner.Run([.. small, "--init", XorStarts.Replace("w9=0.05", "w9=0.5", StringComparison.Ordinal), "--shard", "1/2", "--out", shards[1]]));
        var (code, _, error) = CliRunner.Run("merge", shards[0], shards[1], "--out", Path.Combine(directory, "merged"));
        Assert.Equal(2, code);
        Assert.Contains("start '", error);
        Assert.False(Path.Exists(Path.Combine(directory, "merged")));

        // Resuming a directory with other starts is refused the same way.
        var (resumeCode, _, resumeError) = CliRunner.Run([.. small, "--init", XorStarts.Replace("w9=0.05", "w9=0.5", StringComparison.Ordinal), "--shard", "0/2", "--resume", "--out", shards[0]]);
        Assert.Equal(2, resumeCode);
        Assert.Contains("holds a different run", resumeError);
    }

    [Fact]
    public void Map_MoreTrainedWeightsThanTheCap_ExitsWithCode2AndWritesNothing()
    {
        string model = string.Join(" + ", Enumerable.Range(1, 17).Select(k => $"w{k}*x^{k % 3}"));
        string starts = string.Join(",", Enumerable.Range(3, 15).Select(k => $"w{k}=0.1"));
        var (code, _, error) = CliRunner.Run("map", "--model", model, "--data", "tanh", "--free", "w1,w2", "--train", "all", "--init", starts,
            "--grid", "8", "--device", "cpu", "--out", directory);
        Assert.Equal(2, code);
        Assert.Contains("--train trains 17 weights", error);
        Assert.Contains("a descent holds at most 16", error);
        Assert.False(Path.Exists(directory));
    }

    [Fact]
    public void Bench_TrainAll_TimesTheManyWeightLoop()
    {
        var (code, output, error) = CliRunner.Run("bench", "--model", Xor, "--data", "xor", "--free", "w1,w2", "--train", "all", "--init", XorStarts,
            "--grid", "16", "--steps", "20", "--runs", "1", "--device", "cpu", "--json");
        Assert.True(code == 0, error);
        using JsonDocument result = JsonDocument.Parse(output);
        Assert.Equal(9, result.RootElement.GetProperty("trainedWeights").GetInt32());
        Assert.Equal(16 * 16 * 20, result.RootElement.GetProperty("descentStepsPerRun").GetInt64());
        Assert.True(result.RootElement.GetProperty("flopsPerStep").GetInt32() > 9);
    }

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // summary.json without what differs between two runs of the same map: their timings.
    private static string WithoutTimes(string path)
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return string.Join("\n", document.RootElement.EnumerateObject()
            .Where(property => property.Name is not ("seconds" or "stepsPerSecond"))
            .Select(property => $"{property.Name}={property.Value.GetRawText()}"));
    }
}
