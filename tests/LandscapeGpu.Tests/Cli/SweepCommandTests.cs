using System.Text.Json;
using LandscapeGpu.Rendering.Cpu;

namespace LandscapeGpu.Tests.Cli;

/// <summary><c>landscape sweep</c>: its frames are the map command's runs, its values, its files, and bad input refused with nothing written.</summary>
[Collection(InProcessCollection.Name)]
public sealed class SweepCommandTests : IDisposable
{
    /// <summary>Fractions in sweep.json are copied from the frames' summary.json: only the JSON round trip may differ.</summary>
    private const double FractionTolerance = 1e-12;

    private readonly string root = Path.Combine(Path.GetTempPath(), $"sweep-{Guid.NewGuid():N}");

    [Fact]
    public void Sweep_LogLearningRates_FramesAreSeparateMapRunsAndValuesAreGeometric()
    {
        string sweep = Path.Combine(root, "sweep");
        string[] map = ["himmelblau", "--grid", "48", "--steps", "300", "--device", "cpu", "--renderer", "cpu"];

        var (code, _, error) = CliRunner.Run(["sweep", .. map, "--vary", "lr=0.004:0.016:3", "--log", "--out", sweep]);

        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "sweep.json")));
        double[] values = [.. json.RootElement.GetProperty("values").EnumerateArray().Select(v => v.GetDouble())];
        Assert.Equal([0.004, 0.008, 0.016], values, (expected, actual) => Math.Abs(expected - actual) <= 1e-15);
        JsonElement[] attractors = [.. json.RootElement.GetProperty("attractors").EnumerateArray()];
        JsonElement[] frames = [.. json.RootElement.GetProperty("frames").EnumerateArray()];
        Assert.Equal(3, frames.Length);
        for (int i = 0; i < values.Length; i++)
        {
            string single = Path.Combine(root, $"map-{i}");
            (code, _, error) = CliRunner.Run(["map", .. map, "--lr", values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture), "--out", single]);
            Assert.True(code == 0, error);
            string frame = Path.Combine(sweep, "frames", $"00{i}");
            foreach (string name in new[] { "basins.npy", "steps.npy", "endpoints.npy" })
            {
                Assert.True(File.ReadAllBytes(Path.Combine(single, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(frame, name))), $"frame {i}: {name} differs from the map run's");
            }

            // Each attractor's fraction in the frame's summary is the sweep's fraction of the attractor at its location.
            using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(single, "summary.json")));
            double[] sweepFractions = [.. frames[i].GetProperty("fractions").EnumerateArray().Select(v => v.GetDouble())];
            foreach (JsonElement attractor in summary.RootElement.GetProperty("attractors").EnumerateArray())
            {
                int tracked = Array.FindIndex(attractors, a => Math.Abs(a.GetProperty("x").GetDouble() - attractor.GetProperty("x").GetDouble()) < 1e-3
                    && Math.Abs(a.GetProperty("y").GetDouble() - attractor.GetProperty("y").GetDouble()) < 1e-3);
                Assert.True(tracked >= 0, $"frame {i}: the attractor at {attractor.GetProperty("x")}, {attractor.GetProperty("y")} is not in sweep.json");
                Assert.Equal(attractor.GetProperty("fraction").GetDouble(), sweepFractions[tracked], FractionTolerance);
            }

            Assert.Equal(summary.RootElement.GetProperty("diverged").GetDouble(), frames[i].GetProperty("diverged").GetDouble());
            Assert.Equal(1, sweepFractions.Sum() + frames[i].GetProperty("diverged").GetDouble() + frames[i].GetProperty("unconverged").GetDouble(), 1e-9);
            Assert.Contains("--lr " + values[i].ToString("R", System.Globalization.CultureInfo.InvariantCulture), frames[i].GetProperty("command").GetString());
        }

        foreach (string name in new[] { "fractions.png", "frames.png" })
        {
            Assert.True(new FileInfo(Path.Combine(sweep, name)).Length > 0, $"{name} is missing or empty");
        }

        var chunks = ApngFile.Chunks(File.ReadAllBytes(Path.Combine(sweep, "sweep.apng")));
        Assert.Equal(3u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(chunks.Single(chunk => chunk.Type == "acTL").Data));
        Assert.Equal(3, chunks.Count(chunk => chunk.Type == "fcTL"));
    }

    [Fact]
    public void Sweep_FixedWeightOfAModel_FramesAreMapRunsWithThatWeightFixed()
    {
        string sweep = Path.Combine(root, "sweep");
        string[] model = ["--model", "w2*tanh(w1*x) + w3", "--data", "tanh", "--free", "w1,w2", "--grid", "24", "--steps", "200", "--device", "cpu", "--renderer", "cpu"];

        var (code, _, error) = CliRunner.Run(["sweep", .. model, "--vary", "w3=-0.5:0.5:2", "--out", sweep]);

        Assert.True(code == 0, error);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "sweep.json")));
        Assert.Equal("w3", json.RootElement.GetProperty("parameter").GetString());
        string[] values = ["-0.5", "0.5"];
        for (int i = 0; i < values.Length; i++)
        {
            string single = Path.Combine(root, $"map-{i}");
            (code, _, error) = CliRunner.Run(["map", .. model, "--fix", $"w3={values[i]}", "--out", single]);
            Assert.True(code == 0, error);
            Assert.True(File.ReadAllBytes(Path.Combine(single, "basins.npy")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(sweep, "frames", $"00{i}", "basins.npy"))),
                $"frame {i} differs from the map run with --fix w3={values[i]}");
        }
    }

    [Theory]
    [InlineData("--vary w9: --fix w9: the model has no weight 'w9'; its weights: w1, w2, w3", "--vary", "w9=0:1:3")]
    [InlineData("--fix w3 is what --vary w3 sets in each frame: leave it out of --fix", "--vary", "w3=0:1:3", "--fix", "w3=1")]
    public void Sweep_BadFixedWeight_ExitsWithCode2NamingItAndWritesNothing(string expected, params string[] arguments)
    {
        var (code, _, error) = CliRunner.RunInProcess(["sweep", "--model", "w2*tanh(w1*x) + w3", "--data", "tanh", "--free", "w1,w2", .. arguments, "--out", root]);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(root), "bad input left output behind");
    }

    [Theory]
    [InlineData("--vary 'foo=1:2:3' is invalid: 'foo' cannot be varied here; valid: lr, momentum, beta1, beta2, steps", "--vary", "foo=1:2:3")]
    [InlineData("--vary 'lr=0.02:0.01:3' is invalid: TO (0.01) must be greater than FROM (0.02)", "--vary", "lr=0.02:0.01:3")]
    [InlineData("--vary 'lr=0.01:0.02:1' is invalid: COUNT (1) must be between 2 and 100000", "--vary", "lr=0.01:0.02:1")]
    [InlineData("--vary 'lr=0:0.02:3' with --log is invalid: a geometric range needs FROM > 0", "--vary", "lr=0:0.02:3", "--log")]
    [InlineData("--lr is what --vary lr sets in each frame: leave --lr out", "--vary", "lr=0.01:0.02:3", "--lr", "0.01")]
    [InlineData("--vary momentum: the optimizer gd has no momentum", "--vary", "momentum=0.1:0.5:3")]
    [InlineData("--vary beta2=0.5:1:3 is invalid: it reaches beta2 1 is invalid: it must be in [0, 1)", "--vary", "beta2=0.5:1:3", "--optimizer", "adam")]
    [InlineData("--shard is not an option of sweep", "--vary", "lr=0.01:0.02:3", "--shard", "0/2")]
    [InlineData("--format must include png for a sweep", "--vary", "lr=0.01:0.02:3", "--format", "svg")]
    [InlineData("--grid '0' is invalid", "--vary", "lr=0.01:0.02:3", "--grid", "0")]
    [InlineData("Option '--vary' is required", "--grid", "16")]
    public void Sweep_BadInput_ExitsWithCode2NamingItAndWritesNothing(string expected, params string[] arguments)
    {
        var (code, _, error) = CliRunner.RunInProcess(["sweep", "himmelblau", .. arguments, "--out", root]);

        Assert.Equal(2, code);
        Assert.Contains(expected, error);
        Assert.False(Directory.Exists(root), "bad input left output behind");
    }

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
