using System.Text.Json;
using LandscapeGpu.Descents;
using LandscapeGpu.Runs.Tiled;

namespace LandscapeGpu.Tests.Runs.Tiled;

public sealed class RunIdentityTests
{
    [Theory]
    [InlineData(Precision.F32)]
    [InlineData(Precision.F64)]
    public void ToProblem_WrittenIdentity_GivesBackTheSameProblem(Precision precision)
    {
        DescentProblem problem = TestProblems.For("himmelblau", 20, 10, precision: precision);
        (DescentProblem read, int tileSide) = ReadBack(RunIdentity.Of(problem, 8)).ToProblem();
        Assert.Equal(8, tileSide);
        Assert.Equal(problem with { Landscape = read.Landscape }, read);
    }

    [Theory]
    [InlineData("himmelblau", MapAxis.LearningRate, MapAxis.Momentum, true, false)]
    [InlineData("himmelblau", MapAxis.Y, MapAxis.X, false, false)]
    [InlineData("quartic", MapAxis.X, MapAxis.LearningRate, false, true)]
    public void ToProblem_AxesMap_GivesBackItsAxes(string landscape, MapAxis horizontal, MapAxis vertical, bool logHorizontal, bool logVertical)
    {
        DescentProblem plain = TestProblems.For(landscape, 20, optimizer: LandscapeGpu.Optimizers.OptimizerKind.Momentum);
        LandscapeGpu.Landscapes.Box landscapeBox = plain.Landscape.Info.Box;
        DescentProblem problem = (plain with
        {
            Grid = new GridSpec(new LandscapeGpu.Landscapes.Box(logHorizontal ? 0.001 : landscapeBox.X0, logHorizontal ? 0.02 : landscapeBox.X1, 0.001, 0.9), 20, 10),
            Axes = new MapAxes(horizontal, vertical, logHorizontal, logVertical, -0.25, 1.5, landscapeBox),
        }).Validated();
        (DescentProblem read, _) = ReadBack(RunIdentity.Of(problem, 8)).ToProblem();
        Assert.Equal(problem.Axes, read.Axes);
        Assert.Equal(problem with { Landscape = read.Landscape }, read);
    }

    [Fact]
    public void With_WeightMapFields_KeepsTheRestAndGivesTheLayoutWithoutTheProblem()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 20, 10);
        RunIdentity plain = RunIdentity.Of(problem, 8);
        RunIdentity weights = ReadBack(plain.With(RunIdentity.TrainedField, "a,b,c").With("start", "0 0 0.5"));
        Assert.False(plain.IsWeightMap);
        Assert.True(weights.IsWeightMap);
        Assert.Equal(plain.Fields.Count + 2, weights.Fields.Count);
        Assert.All(plain.Fields, field => Assert.Equal(field.Value, weights.Fields[field.Key]));
        Assert.Equal(["start '(none)' there, '0 0 0.5' here", "trained '(none)' there, 'a,b,c' here"], weights.DifferencesFrom(plain));
        TileLayout layout = weights.Layout();
        Assert.Equal(problem.Grid, layout.Grid);
        Assert.Equal(8, layout.TileSide);
    }

    [Fact]
    public void ToProblem_UnknownPrecision_IsRefusedNotReadAsF32()
    {
        RunIdentity identity = ReadBack(RunIdentity.Of(TestProblems.For("himmelblau", 20, 10), 8), "precision", "f16");
        var error = Assert.Throws<RunConflictException>(() => identity.ToProblem());
        Assert.Contains("precision 'f16' is invalid; valid: f32, f64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToProblem_InvalidStepBudget_IsRefusedByTheProblemsOwnRules()
    {
        RunIdentity identity = ReadBack(RunIdentity.Of(TestProblems.For("himmelblau", 20, 10), 8), "steps", "0");
        var error = Assert.Throws<RunConflictException>(() => identity.ToProblem());
        Assert.Contains("steps 0 is invalid", error.Message, StringComparison.Ordinal);
    }

    // The identity as run.json holds it, with one field replaced.
    private static RunIdentity ReadBack(RunIdentity identity, string? field = null, string? value = null)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            json.WriteStartObject();
            identity.WriteTo(json);
            json.WriteEndObject();
        }

        var fields = JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream.ToArray())!["identity"];
        if (field is not null)
        {
            fields[field] = value!;
        }

        using JsonDocument document = JsonDocument.Parse(JsonSerializer.Serialize(fields));
        return RunIdentity.ReadFrom(document.RootElement);
    }
}
