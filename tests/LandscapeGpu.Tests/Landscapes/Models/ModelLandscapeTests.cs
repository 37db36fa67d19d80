using System.Globalization;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;
using LandscapeGpu.Tests.Devices;

namespace LandscapeGpu.Tests.Landscapes.Models;

[Collection(IlgpuCpuCollection.Name)]
public sealed class ModelLandscapeTests(IlgpuCpuEngineFixture fixture)
{
    // The shipped data are rounded to 12 digits; refined minima sit that close to the weights that made them.
    private const double WeightTolerance = 1e-6;

    // A zero-residual fit, up to the rounding of the data and of float64 sums.
    private const double ZeroLoss = 1e-12;

    [Theory]
    [InlineData("mse")]
    [InlineData("logcosh")]
    public void Map_TanhModelOnTanhData_FindsTheWeightsThatMadeTheDataAndTheirMirror(string loss)
    {
        BasinMap map = MapRunner.Run(Problem(new ModelSpec("w2*tanh(w1*x)", DataSets.Load("tanh"), ResidualLossKinds.Parse(loss)), 16), fixture.Engine);
        StationaryPoint[] global = map.Attractors.Where(a => a.IsGlobal).OrderBy(a => a.X).ToArray();
        Assert.Equal(2, global.Length);
        AssertAt(global[0], -1.5, -2);
        AssertAt(global[1], 1.5, 2);
        Assert.All(global, point => Assert.True(point.Loss <= ZeroLoss, $"loss {point.Loss}"));
        Assert.Equal(0, map.Basins.DivergedFraction);
    }

    [Fact]
    public void Map_LinearModelOnLineData_HasOneMinimumAtTheLinesSlopeAndIntercept()
    {
        BasinMap map = MapRunner.Run(Problem(new ModelSpec("w1*x + w2", DataSets.Load("line")), 12), fixture.Engine);
        AssertAt(Assert.Single(map.Attractors), 3, -1);
    }

    [Fact]
    public void Map_SliceWithAFixedWeight_DescendsOnlyInTheFreeWeights()
    {
        // Made with w2 = 0.5: fixing it there leaves one exact minimum at (w1, w3) = (1.5, 2); the mirror needs w2 = -0.5.
        DataSet data = Generated(row => 2 * Math.Tanh(1.5 * row + 0.5), rows: 41);
        var spec = new ModelSpec("w3*tanh(w1*x + w2)", data, Free: ["w1", "w3"], Fixed: new Dictionary<string, double> { ["w2"] = 0.5 });
        BasinMap map = MapRunner.Run(Problem(spec, 16), fixture.Engine);
        StationaryPoint best = map.Attractors[0];
        AssertAt(best, 1.5, 2);
        Assert.True(best.Loss <= ZeroLoss, $"loss {best.Loss}");
        Assert.DoesNotContain(map.Attractors, a => a.Loss <= ZeroLoss && a.X < 0);
    }

    [Fact]
    public void Map_ThousandsOfRows_RunsOnTheDeviceAndFindsTheFit()
    {
        DataSet data = Generated(x => 2 * Math.Tanh(1.5 * x), rows: 4000);
        DescentProblem problem = Problem(new ModelSpec("w2*tanh(w1*x)", data), 6) with { Optimizer = new OptimizerSettings(OptimizerKind.Newton, 1).Validated(), MaxSteps = 60 };
        BasinMap map = MapRunner.Run(problem, fixture.Engine);
        Assert.Contains(map.Attractors, a => a.IsGlobal && Math.Abs(a.X - 1.5) <= WeightTolerance && Math.Abs(a.Y - 2) <= WeightTolerance);
    }

    [Fact]
    public void Map_TwoInputColumns_FindsTheWeightOfEach()
    {
        // y = 1.5*a - 0.5*b on a 7 x 7 lattice of inputs; the columns are named by the header, y last-but-one.
        var values = new List<double>();
        for (int i = 0; i < 49; i++)
        {
            double a = i % 7 / 3.0 - 1, b = i / 7 / 3.0 - 1;
            values.AddRange([a, 1.5 * a - 0.5 * b, b]);
        }

        var data = new DataSet("lattice", ["a", "y", "b"], values.ToArray());
        BasinMap map = MapRunner.Run(Problem(new ModelSpec("w1*a + w2*b", data), 8), fixture.Engine);
        AssertAt(Assert.Single(map.Attractors), 1.5, -0.5);
    }

    [Fact]
    public void Accept_OnTheHost_ReadsTheDataAndGivesTheMeanSquaredError()
    {
        DataSet data = DataSets.Load("tanh");
        LandscapeEntry entry = ModelLandscapes.Create(new ModelSpec("w2*tanh(w1*x)", data));
        double expected = 0;
        for (int row = 0; row < data.Rows; row++)
        {
            double x = data.Values[row * 2], y = data.Values[row * 2 + 1];
            expected += Math.Pow(0.7 * Math.Tanh(-1.2 * x) - y, 2) / data.Rows;
        }

        Assert.Equal(expected, LandscapeProbe.For(entry).Loss(-1.2, 0.7), 1e-12);
    }

    [Theory]
    [InlineData("w1*x + w2", null, null, "")]
    [InlineData("w3*tanh(w1*x + w2)", null, null, "the model has weights w1, w2, w3: choose one or two with --free")]
    [InlineData("w3*tanh(w1*x + w2)", "w1,w3", null, "weight w2 is neither free nor fixed")]
    [InlineData("w3*tanh(w1*x + w2)", "w1,w3", "w4=1", "--fix w4: the model has no weight 'w4'")]
    [InlineData("w3*tanh(w1*x + w2)", "w1,w5", "w2=1", "--free w5: the model has no weight 'w5'")]
    [InlineData("w3*tanh(w1*x + w2)", "w1,w2", "w2=1,w3=1", "--free w2: the weight is also given a value with --fix")]
    [InlineData("w1*x + w2*z", null, null, "unknown name 'z' at column 11; this formula may use the weights w1, w2 and the data's inputs (x)")]
    [InlineData("w1*y + w2", null, null, "'y' at column 4 is the target the model predicts")]
    [InlineData("3*x", null, null, "has no free weight")]
    public void Create_WeightsNotCoveredExactly_SaysWhichAndWhatToDo(string model, string? free, string? fix, string expected)
    {
        var fixedWeights = (fix ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(item => item.Split('=')[0], item => double.Parse(item.Split('=')[1], CultureInfo.InvariantCulture));
        var spec = new ModelSpec(model, DataSets.Load("line"), Free: free?.Split(','), Fixed: fixedWeights);
        if (expected.Length == 0)
        {
            Assert.Equal(2, ModelLandscapes.Create(spec).Info.Dimensions);
            return;
        }

        var error = Assert.ThrowsAny<Exception>(() => ModelLandscapes.Create(spec));
        Assert.True(error is ArgumentException or FormatException, error.ToString());
        // The engine names parameters; worded with the CLI's flags, the message is the one a user reads.
        Assert.Contains(expected, error is InvalidParameterException invalid ? invalid.Describe(name => "--" + name) : error.Message);
        Assert.DoesNotContain("--", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_OneFreeWeight_IsOneDimensional()
    {
        var spec = new ModelSpec("w1*x - 1", DataSets.Load("line"));
        Assert.Equal(1, ModelLandscapes.Create(spec).Info.Dimensions);
    }

    private static void AssertAt(StationaryPoint point, double x, double y)
    {
        Assert.True(Math.Abs(point.X - x) <= WeightTolerance && Math.Abs(point.Y - y) <= WeightTolerance,
            $"attractor at ({point.X}, {point.Y}), expected ({x}, {y})");
    }

    private static DescentProblem Problem(ModelSpec spec, int grid)
    {
        LandscapeEntry entry = ModelLandscapes.Create(spec);
        LandscapeInfo info = entry.Info;
        var settings = new OptimizerSettings(OptimizerKind.GradientDescent, 0.2).Validated();
        return new DescentProblem(entry, settings, new GridSpec(info.Box, grid, info.Dimensions == 1 ? 1 : grid), 3000, info.Defaults.Tolerance, Precision.F32);
    }

    private static DataSet Generated(Func<double, double> target, int rows)
    {
        var values = new double[rows * 2];
        for (int row = 0; row < rows; row++)
        {
            double x = -2 + 4.0 * row / (rows - 1);
            values[row * 2] = x;
            values[row * 2 + 1] = target(x);
        }

        return new DataSet("generated", ["x", "y"], values);
    }
}
