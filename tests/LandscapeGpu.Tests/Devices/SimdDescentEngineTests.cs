using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Tests.Devices;

[Collection(IlgpuCpuCollection.Name)]
public sealed class SimdDescentEngineTests(IlgpuCpuEngineFixture fixture)
{
    // Off a basin boundary every start must land in the same basin on every engine. On a boundary (within one cell
    // of a start that goes elsewhere) float32 with and without fused multiply-adds may choose differently; seen here:
    // at most a few percent of boundary starts, so a tenth is a bound that still catches a broken engine.
    private const double BoundaryMismatchBound = 0.10;

    private const int Grid = 40;

    public static TheoryData<string, OptimizerKind> Cases()
    {
        var cases = new TheoryData<string, OptimizerKind>();
        foreach (string landscape in new[] { "himmelblau", "styblinski-tang", "rastrigin" })
        {
            foreach (OptimizerKind kind in Enum.GetValues<OptimizerKind>())
            {
                cases.Add(landscape, kind);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Run_EveryOptimizer_AgreesWithIlgpuKernelAndFloat64ReferenceOnBasins(string landscape, OptimizerKind optimizer)
    {
        DescentProblem problem = TestProblems.For(landscape, Grid, optimizer: optimizer, steps: 600);
        using var simd = new SimdDescentEngine();
        using var reference = new Float64ReferenceEngine();
        BasinMap expected = MapRunner.Run(problem, reference);
        BasinMap fromSimd = MapRunner.Run(problem, simd);
        BasinMap fromKernel = MapRunner.Run(problem, fixture.Engine);

        foreach ((string name, BasinMap map) in new[] { ("SIMD engine", fromSimd), ("ILGPU kernel", fromKernel) })
        {
            BasinAgreement agreement = BasinAgreement.Compare(expected, map);
            Assert.True(agreement.MismatchesOffBoundary == 0,
                $"{landscape} {optimizer}: {name} disagrees with the float64 reference off the boundaries: {agreement}");
            Assert.True(agreement.MismatchesOnBoundary <= BoundaryMismatchBound * Math.Max(1, agreement.BoundaryStarts),
                $"{landscape} {optimizer}: {name} disagrees on too many boundary starts: {agreement}");
        }
    }

    [Theory]
    [InlineData("himmelblau", OptimizerKind.GradientDescent)]
    [InlineData("himmelblau", OptimizerKind.Adam)]
    [InlineData("styblinski-tang", OptimizerKind.Momentum)]
    [InlineData("styblinski-tang", OptimizerKind.Newton)]
    [InlineData("rastrigin", OptimizerKind.GradientDescent)]
    [InlineData("rastrigin", OptimizerKind.Nesterov)]
    public void Run_FixedSteps_AgreesWithIlgpuKernelAndFloat64ReferenceOnBasins(string landscape, OptimizerKind optimizer)
    {
        // 41 columns: the kernel's four starts per thread and the engine's groups of 32 do not divide the grid. Not
        // RMSProp: with a constant rate it hovers around a minimum instead of settling, so where it stands after a
        // fixed budget (and whether its gradient is below tol there) depends on rounding.
        DescentProblem problem = TestProblems.For(landscape, 41, 39, optimizer: optimizer, steps: 600) with { FixedSteps = true };
        using var simd = new SimdDescentEngine();
        using var reference = new Float64ReferenceEngine();
        BasinMap expected = MapRunner.Run(problem, reference);
        BasinMap fromSimd = MapRunner.Run(problem, simd);
        BasinMap fromKernel = MapRunner.Run(problem, fixture.Engine);
        Assert.True(expected.Basins.Attractors.Count > 1, $"{landscape}: only one attractor, the comparison would be trivial");
        foreach ((string name, BasinMap map) in new[] { ("SIMD engine", fromSimd), ("ILGPU kernel", fromKernel) })
        {
            Assert.All(map.Steps, steps => Assert.Equal(problem.MaxSteps, steps));
            BasinAgreement agreement = BasinAgreement.Compare(expected, map);
            Assert.True(agreement.MismatchesOffBoundary == 0,
                $"{landscape} {optimizer} fixed steps: {name} disagrees with the float64 reference off the boundaries: {agreement}");
            Assert.True(agreement.MismatchesOnBoundary <= BoundaryMismatchBound * Math.Max(1, agreement.BoundaryStarts),
                $"{landscape} {optimizer} fixed steps: {name} disagrees on too many boundary starts: {agreement}");
        }
    }

    [Fact]
    public void Run_Float64Gd_MatchesReferenceEndpointsClosely()
    {
        // Same number type width as the reference: only fused multiply-adds separate the two.
        DescentProblem problem = TestProblems.For("himmelblau", 33, precision: Precision.F64, steps: 300);
        var tile = problem.Grid.Whole;
        var fromSimd = new TileResult(tile.Count);
        var fromReference = new TileResult(tile.Count);
        using var simd = new SimdDescentEngine();
        simd.Run(problem, tile, fromSimd);
        new Float64ReferenceEngine().Run(problem, tile, fromReference);
        for (int i = 0; i < tile.Count; i++)
        {
            Assert.Equal(fromReference.Outcomes[i], fromSimd.Outcomes[i]);
            Assert.Equal(fromReference.EndX[i], fromSimd.EndX[i], 1e-9);
            Assert.Equal(fromReference.EndY[i], fromSimd.EndY[i], 1e-9);
            Assert.InRange(fromSimd.Steps[i] - fromReference.Steps[i], -2, 2);
        }
    }

    [Theory]
    [InlineData(OptimizerKind.GradientDescent, false)]
    [InlineData(OptimizerKind.Adam, false)]
    [InlineData(OptimizerKind.GradientDescent, true)]
    [InlineData(OptimizerKind.Adam, true)]
    public void Run_Subtile_GivesTheSameResultsAsTheWholeGrid(OptimizerKind optimizer, bool fixedSteps)
    {
        // 37 columns: rows do not fill whole lane groups, and the last group of the tile is padded.
        DescentProblem problem = TestProblems.For("himmelblau", 37, 29, optimizer: optimizer, steps: 400) with { FixedSteps = fixedSteps };
        using var simd = new SimdDescentEngine();
        var whole = new TileResult(problem.Grid.Whole.Count);
        simd.Run(problem, problem.Grid.Whole, whole);
        var tile = new TileSpec(5, 7, 19, 11);
        var part = new TileResult(tile.Count + 3);
        simd.Run(problem, tile, part);
        for (int i = 0; i < tile.Count; i++)
        {
            int index = (tile.Y + i / tile.Width) * problem.Grid.Width + tile.X + i % tile.Width;
            Assert.Equal(whole.EndX[index], part.EndX[i]);
            Assert.Equal(whole.EndY[index], part.EndY[i]);
            Assert.Equal(whole.Steps[index], part.Steps[i]);
            Assert.Equal(whole.Outcomes[index], part.Outcomes[i]);
        }
    }

    [Fact]
    public void Run_GdWithTightTolerance_StopsEachStartWhereTheStepByStepLoopStops()
    {
        // Starts converge at many different steps, so optimistic blocks are undone and retaken often; the steps each
        // start reports must still match the float64 reference (DescentTests checks the blocks against a plain loop).
        DescentProblem problem = TestProblems.For("himmelblau", 24, precision: Precision.F64, tolerance: 1e-6, steps: 3000);
        var tile = problem.Grid.Whole;
        var fromSimd = new TileResult(tile.Count);
        var fromReference = new TileResult(tile.Count);
        using var simd = new SimdDescentEngine();
        simd.Run(problem, tile, fromSimd);
        new Float64ReferenceEngine().Run(problem, tile, fromReference);
        int converged = fromReference.Outcomes.Count(outcome => outcome == DescentOutcome.Converged);
        Assert.True(converged > tile.Count / 2, $"only {converged} of {tile.Count} starts converged: the test would not exercise early exits");
        for (int i = 0; i < tile.Count; i++)
        {
            Assert.InRange(fromSimd.Steps[i] - fromReference.Steps[i], -2, 2);
        }
    }

    [Fact]
    public void Run_ResultTooSmall_ThrowsNamingBothSizes()
    {
        DescentProblem problem = TestProblems.For("himmelblau", 8);
        using var simd = new SimdDescentEngine();
        var error = Assert.Throws<ArgumentException>(() => simd.Run(problem, problem.Grid.Whole, new TileResult(10)));
        Assert.Contains("holds 10 starts but the tile has 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_CpuChoice_GivesTheSimdEngine()
    {
        using IDescentEngine engine = EngineFactory.Create(DeviceChoice.Cpu);
        Assert.IsType<SimdDescentEngine>(engine);
        Assert.StartsWith("CPU SIMD", engine.Description, StringComparison.Ordinal);
    }
}
