using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Tests.Weights;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Devices;

[Collection(IlgpuCpuCollection.Name)]
public sealed class WeightEngineTests(IlgpuCpuEngineFixture fixture)
{
    private static readonly Box CoupledBox = new(-2, 2, -1.5, 2.5);

    public static TheoryData<OptimizerKind, Precision> Cases()
    {
        var cases = new TheoryData<OptimizerKind, Precision>();
        foreach (OptimizerKind kind in Enum.GetValues<OptimizerKind>())
        {
            cases.Add(kind, Precision.F32);
            cases.Add(kind, Precision.F64);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_SimdLanesAndIlgpuKernel_AgreeBitForBitWithTheScalarLoop(OptimizerKind kind, Precision precision)
    {
        // The free weights are a and c (indices 0 and 2), b starts at 0.8: every trained weight moves.
        WeightDescentProblem problem = new WeightDescentProblem(WeightDescentTests.SettingsFor(kind), new GridSpec(CoupledBox, 13, 7), 300, 1e-4,
            precision, [0, 0.8, 0], 0, 2).Validated();
        WeightTileResult simd = RunWhole(new SimdDescentEngine(), problem);
        WeightTileResult kernel = RunWhole((IWeightDescentEngine)fixture.Engine, problem);
        WeightTileResult scalar = ScalarReference(problem);

        Assert.Equal(scalar.Outcomes, simd.Outcomes);
        Assert.Equal(scalar.Steps, simd.Steps);
        Assert.Equal(scalar.Endpoints, simd.Endpoints);
        Assert.Equal(scalar.Outcomes, kernel.Outcomes);
        Assert.Equal(scalar.Steps, kernel.Steps);
        Assert.Equal(scalar.Endpoints, kernel.Endpoints);
        Assert.Contains(DescentOutcome.Converged, scalar.Outcomes);
    }

    [Theory]
    [InlineData(OptimizerKind.GradientDescent, Precision.F32)]
    [InlineData(OptimizerKind.Adam, Precision.F32)]
    [InlineData(OptimizerKind.Newton, Precision.F64)]
    public void Run_FixedSteps_SimdPairsAndIlgpuKernelAgreeBitForBitWithTheScalarLoop(OptimizerKind kind, Precision precision)
    {
        // 13x7 = 91 starts: the last chunk's second group is partly, and with 16 lanes wholly, past the tile.
        WeightDescentProblem problem = new WeightDescentProblem(WeightDescentTests.SettingsFor(kind), new GridSpec(CoupledBox, 13, 7), 60, 1e-4,
            precision, [0, 0.8, 0], 0, 2, FixedSteps: true).Validated();
        WeightTileResult scalar = ScalarReference(problem);
        foreach (SimdWidth width in new[] { SimdWidth.Bits256, SimdWidth.Bits512 })
        {
            WeightTileResult simd = RunWhole(new SimdDescentEngine(width: width), problem);
            Assert.Equal(scalar.Outcomes, simd.Outcomes);
            Assert.Equal(scalar.Steps, simd.Steps);
            Assert.Equal(scalar.Endpoints, simd.Endpoints);
        }

        WeightTileResult kernel = RunWhole((IWeightDescentEngine)fixture.Engine, problem);
        Assert.Equal(scalar.Outcomes, kernel.Outcomes);
        Assert.Equal(scalar.Steps, kernel.Steps);
        Assert.Equal(scalar.Endpoints, kernel.Endpoints);
    }

    [Theory]
    [InlineData(7, Precision.F32)]
    [InlineData(12, Precision.F64)]
    public void Run_EightAndSixteenWeightVectors_SimdAgreesWithIlgpuKernel(int count, Precision precision)
    {
        double[] start = Enumerable.Range(0, count).Select(k => 0.1 * k - 0.3).ToArray();
        var problem = new WeightDescentProblem(new OptimizerSettings(OptimizerKind.Adam, 0.01).Validated(), new GridSpec(new Box(-5, 5, -5, 5), 9, 11),
            400, 1e-3, precision, start, 0, 1).Validated();
        var model = new SeparableHimmelblau(count, 2);
        WeightTileResult simd = RunWhole(new SimdDescentEngine(), problem, model);
        WeightTileResult kernel = RunWhole((IWeightDescentEngine)fixture.Engine, problem, model);
        Assert.Equal(simd.Outcomes, kernel.Outcomes);
        Assert.Equal(simd.Steps, kernel.Steps);
        Assert.Equal(simd.Endpoints, kernel.Endpoints);
    }

    [Fact]
    public void Run_TilesOfAnySize_AgreeWithTheWholeGrid()
    {
        WeightDescentProblem problem = new WeightDescentProblem(WeightDescentTests.SettingsFor(OptimizerKind.Momentum), new GridSpec(CoupledBox, 23, 17), 200,
            1e-4, Precision.F32, [0, 0.8, 0], 0, 2).Validated();
        using var engine = new SimdDescentEngine();
        WeightTileResult whole = RunWhole(engine, problem);
        var tiled = new WeightTileResult(problem.Grid.Width * problem.Grid.Height, 3);
        foreach (IWeightDescentEngine tileEngine in new IWeightDescentEngine[] { engine, (IWeightDescentEngine)fixture.Engine })
        {
            for (int y = 0; y < problem.Grid.Height; y += 5)
            {
                for (int x = 0; x < problem.Grid.Width; x += 6)
                {
                    var tile = new TileSpec(x, y, Math.Min(6, problem.Grid.Width - x), Math.Min(5, problem.Grid.Height - y));
                    var part = new WeightTileResult(tile.Count, 3);
                    tileEngine.Run(default(CoupledThreeWeights), problem, tile, part);
                    for (int i = 0; i < tile.Count; i++)
                    {
                        int cell = (tile.Y + i / tile.Width) * problem.Grid.Width + tile.X + i % tile.Width;
                        tiled.Outcomes[cell] = part.Outcomes[i];
                        tiled.Steps[cell] = part.Steps[i];
                        Array.Copy(part.Endpoints, i * 3, tiled.Endpoints, cell * 3, 3);
                    }
                }
            }

            Assert.Equal(whole.Outcomes, tiled.Outcomes);
            Assert.Equal(whole.Steps, tiled.Steps);
            Assert.Equal(whole.Endpoints, tiled.Endpoints);
        }
    }

    [Theory]
    [InlineData(OptimizerKind.GradientDescent, 3)]
    [InlineData(OptimizerKind.GradientDescent, 9)]
    [InlineData(OptimizerKind.Momentum, 9)]
    [InlineData(OptimizerKind.Newton, 5)]
    public void Run_SeparableExtraWeights_SameBasinsAsTheTwoDimensionalMapOfTheFreePart(OptimizerKind kind, int count)
    {
        // Extra weights that do not touch the free ones leave the free weights' path exactly that of the 2-D map
        // (in exact arithmetic; GD, momentum and Newton act per coordinate on a block-diagonal Hessian); only the
        // stopping step differs, as the tolerance is on the full gradient. So each start ends in the same basin.
        const int side = 40;
        DescentProblem flat = TestProblems.For("himmelblau", side, optimizer: kind, precision: Precision.F64, steps: 3000, tolerance: 1e-6);
        using var engine = new SimdDescentEngine();
        var flatResult = new TileResult(side * side);
        engine.Run(flat, flat.Grid.Whole, flatResult);

        double[] start = Enumerable.Range(0, count).Select(k => k < 2 ? 0 : -1.0).ToArray();
        var problem = new WeightDescentProblem(flat.Optimizer, flat.Grid, flat.MaxSteps, flat.Tolerance, flat.Precision, start, 0, 1).Validated();
        WeightTileResult full = RunWhole(engine, problem, new SeparableHimmelblau(count, 4));

        int converged = 0;
        for (int i = 0; i < side * side; i++)
        {
            Assert.Equal(flatResult.Outcomes[i], full.Outcomes[i]);
            if (full.Outcomes[i] != DescentOutcome.Converged)
            {
                continue;
            }

            converged++;
            Assert.Equal(SeparableHimmelblau.NearestMinimum(flatResult.EndX[i], flatResult.EndY[i]),
                SeparableHimmelblau.NearestMinimum(full.Endpoints[i * count], full.Endpoints[i * count + 1]));
            for (int k = 2; k < count; k++)
            {
                Assert.True(Math.Abs(full.Endpoints[i * count + k] - k / 4.0) < 1e-3, $"start {i}: extra weight {k} ended at {full.Endpoints[i * count + k]}");
            }
        }

        Assert.True(converged > side * side / 2, $"only {converged} starts converged");
    }

    private static WeightTileResult RunWhole(IWeightDescentEngine engine, WeightDescentProblem problem) =>
        RunWhole(engine, problem, default(CoupledThreeWeights));

    private static WeightTileResult RunWhole<TModel>(IWeightDescentEngine engine, WeightDescentProblem problem, TModel model)
        where TModel : struct, IWeightModel
    {
        var result = new WeightTileResult(problem.Grid.Width * problem.Grid.Height, problem.Count);
        engine.Run(model, problem, problem.Grid.Whole, result);
        return result;
    }

    // Start by start, the loop on one-lane number types (the kernel's), as the float64 or float32 scalar reference.
    private static WeightTileResult ScalarReference(WeightDescentProblem problem)
    {
        var result = new WeightTileResult(problem.Grid.Width * problem.Grid.Height, problem.Count);
        WeightSpecialization.Dispatch<CoupledThreeWeights, Real32, Real64>(default, problem, new ScalarLoop(problem, result));
        return result;
    }

    private sealed class ScalarLoop(WeightDescentProblem problem, WeightTileResult result) : IWeightSpecializedDescent
    {
        public void Run<TModel, TOptimizer, T, TWeights, THessian>(in TModel model, in TOptimizer optimizer)
            where TModel : struct, IWeightModel
            where TOptimizer : struct, IWeightOptimizer<T>
            where T : struct, IReal<T>
            where TWeights : struct, IWeights<T, TWeights>
            where THessian : struct, ISymmetricWeights<T, THessian>
        {
            var start = new double[problem.Count];
            double radius = problem.DivergenceRadius;
            for (int i = 0; i < result.Capacity; i++)
            {
                problem.StartAt(i % problem.Grid.Width, i / problem.Grid.Width, start);
                var weights = default(TWeights);
                for (int k = 0; k < start.Length; k++)
                {
                    TWeights.Set(ref weights, k, T.Of(start[k]));
                }

                T status, steps = T.Of(problem.MaxSteps);
                if (problem.FixedSteps)
                {
                    WeightDescent.RunFixed<TModel, TOptimizer, T, TWeights, THessian>(model, optimizer, ref weights, problem.MaxSteps,
                        T.Of(problem.Tolerance * problem.Tolerance), T.Of(radius * radius), out status);
                }
                else
                {
                    WeightDescent.Run<TModel, TOptimizer, T, TWeights, THessian>(model, optimizer, ref weights, problem.MaxSteps,
                        T.Of(problem.Tolerance * problem.Tolerance), T.Of(radius * radius), out status, out steps);
                }
                for (int k = 0; k < start.Length; k++)
                {
                    result.Endpoints[i * start.Length + k] = T.GetLane(TWeights.Get(weights, k), 0);
                }

                result.Outcomes[i] = (DescentOutcome)(byte)T.GetLane(status, 0);
                result.Steps[i] = (int)T.GetLane(steps, 0);
            }
        }
    }
}
