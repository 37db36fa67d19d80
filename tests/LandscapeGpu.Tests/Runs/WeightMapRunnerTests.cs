using System.Text.Json;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Basins.WeightSpace;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;
using LandscapeGpu.Tests.Weights;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Runs;

public sealed class WeightMapRunnerTests
{
    private const int Side = 48;

    [Fact]
    public void Run_SeparableExtraWeights_SameAttractorsAndBasinsAsTheTwoDimensionalMap()
    {
        DescentProblem flat = TestProblems.For("himmelblau", Side, precision: Precision.F64, steps: 3000, tolerance: 1e-6);
        using var engine = new SimdDescentEngine();
        BasinMap flatMap = MapRunner.Run(flat, engine);

        var model = new SeparableHimmelblau(5, 4);
        var problem = new WeightDescentProblem(flat.Optimizer, flat.Grid, flat.MaxSteps, flat.Tolerance, flat.Precision, [0, 0, -1, -1, -1], 0, 1).Validated();
        WeightBasinMap map = WeightMapRunner.Run(model, new WeightSpaceFunction<SeparableHimmelblau, Weights16<Real64>, SymmetricWeights16<Real64>>(model), ["a", "b", "c", "d", "e"], problem, engine, engine.Description);

        Assert.Equal(flatMap.Basins.Attractors.Count, map.Basins.Attractors.Count);
        foreach (WeightSpaceAttractor attractor in map.Basins.Attractors)
        {
            // Each attractor is a 2-D minimum with the extra weights at their centres, reached from the same starts.
            var twin = flatMap.Basins.Attractors.Single(point => Math.Abs(point.X - attractor.Weights[0]) < 1e-6 && Math.Abs(point.Y - attractor.Weights[1]) < 1e-6);
            Assert.Equal("minimum", attractor.KindName);
            Assert.Equal(twin.Count, attractor.Count);
            Assert.Equal(Enumerable.Range(2, 3).Select(k => k / 4.0), attractor.Weights.Skip(2), (a, b) => Math.Abs(a - b) < 1e-9);
            for (int i = 0; i < Side * Side; i++)
            {
                Assert.Equal(flatMap.Ids[i] == twin.Id, map.Ids[i] == attractor.Id);
            }
        }
    }

    [Theory]
    [InlineData(Precision.F32)]
    [InlineData(Precision.F64)]
    public void Write_Outputs_EndpointsHaveShapeHeightWidthWeightsInTheRunPrecisionAndSummaryNamesThem(Precision precision)
    {
        var problem = new WeightDescentProblem(WeightDescentTests.SettingsFor(OptimizerKind.Adam), new GridSpec(new LandscapeGpu.Landscapes.Box(-2, 2, -1.5, 2.5), 6, 5),
            400, 1e-3, precision, [0, 0.8, 0], 0, 2).Validated();
        using var engine = new SimdDescentEngine();
        WeightBasinMap map = WeightMapRunner.Run(default(CoupledThreeWeights), new WeightSpaceFunction<CoupledThreeWeights, Weights4<Real64>, SymmetricWeights4<Real64>>(default), ["a", "b", "c"], problem, engine, "test");
        var plan = TrainingPlan.Resolve(["a", "b", "c", "d"], ["a", "c"], "a,b,c", new Dictionary<string, double> { ["b"] = 0.8 }, new Dictionary<string, double> { ["d"] = 2 }, OptimizerKind.Adam);
        string directory = Path.Combine(Path.GetTempPath(), $"weight-run-{Guid.NewGuid():N}");
        try
        {
            using (var outputs = new AtomicOutputs(directory))
            {
                WeightRunFiles.Write(outputs, map, new WeightMapDescription("mse(model) over test", plan));
                outputs.Commit();
            }

            int[] expectedShape = [5, 6, 3];
            if (precision == Precision.F32)
            {
                (float[] data, int[] shape) = NpyReader.Read<float>(Path.Combine(directory, "endpoints.npy"));
                Assert.Equal(expectedShape, shape);
                Assert.Equal(map.Endpoints.Select(v => (float)v), data);
            }
            else
            {
                (double[] data, int[] shape) = NpyReader.Read<double>(Path.Combine(directory, "endpoints.npy"));
                Assert.Equal(expectedShape, shape);
                Assert.Equal(map.Endpoints, data);
            }

            using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "summary.json")));
            JsonElement root = summary.RootElement;
            Assert.Equal(["a", "b", "c"], root.GetProperty("weights").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(["a", "c"], root.GetProperty("axes").EnumerateArray().Select(e => e.GetString()));
            Assert.Equal(0.8, root.GetProperty("init").GetProperty("b").GetDouble());
            Assert.Equal(2, root.GetProperty("fixed").GetProperty("d").GetDouble());
            JsonElement first = root.GetProperty("attractors")[0];
            Assert.Equal(3, first.GetProperty("weights").GetArrayLength());
            Assert.Equal(map.Basins.Attractors[0].Weights, first.GetProperty("weights").EnumerateArray().Select(e => e.GetDouble()));
            Assert.Equal(map.Basins.Attractors[0].KindName, first.GetProperty("kind").GetString());
        }
        finally
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
