using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Rendering.Tests;

/// <summary>Small maps for rendering tests, computed once on ILGPU's CPU accelerator (shared: compiling kernels is the slow part).</summary>
public static class TestMaps
{
    private static readonly Lazy<IDescentEngine> Engine = new(() => EngineFactory.Create(DeviceChoice.IlgpuCpu));
    /// <summary>Held while the shared engine runs: ILGPU's CPU accelerator crashes (a NullReferenceException in its launcher) when two threads launch on it at once.</summary>
    internal static readonly object Gate = new();

    public static DescentProblem Problem(string landscape, int width, int height = -1)
    {
        LandscapeEntry entry = BuiltInLandscapes.Find(landscape) ?? throw new ArgumentException($"no landscape {landscape}");
        LandscapeInfo info = entry.Info;
        var settings = new OptimizerSettings(OptimizerKind.GradientDescent, info.Defaults.LearningRate).Validated();
        var grid = new GridSpec(info.Box, width, height > 0 ? height : info.Dimensions == 1 ? 1 : width);
        return new DescentProblem(entry, settings, grid, info.Defaults.Steps, info.Defaults.Tolerance, Precision.F32);
    }

    public static BasinMap Run(DescentProblem problem)
    {
        lock (Gate)
        {
            return MapRunner.Run(problem, Engine.Value);
        }
    }

    public static IDescentEngine SharedEngine => Engine.Value;

    /// <summary>
    /// (x*y-1)^2 on [-3, 3]^2 by gd, lr 0.01: two valleys (the hyperbola's branches) and the saddle at the origin. Run
    /// on the SIMD CPU engine: the sets need enough starts that the ILGPU CPU simulator would be slow.
    /// </summary>
    public static BasinMap Hyperbola(int grid)
    {
        LandscapeEntry entry = LandscapeGpu.Landscapes.Formulas.FormulaLandscapes.Parse("(x*y-1)^2");
        var settings = new OptimizerSettings(OptimizerKind.GradientDescent, 0.01).Validated();
        var problem = new DescentProblem(entry, settings, new GridSpec(new Box(-3, 3, -3, 3), grid, grid), 1000, 1e-3, Precision.F32);
        using var engine = new SimdDescentEngine();
        return MapRunner.Run(problem, engine);
    }
}

/// <summary>
/// An engine lent to code that disposes what it is given (the view's map computer): disposing it does nothing, and
/// runs on it take <see cref="TestMaps.Gate"/>, as tests of other classes use the same engine in parallel.
/// </summary>
public sealed class BorrowedEngine(IDescentEngine engine) : IDescentEngine
{
    public string Description => engine.Description;

    public EngineKind Kind => engine.Kind;

    public void Run(DescentProblem problem, TileSpec tile, TileResult result)
    {
        lock (TestMaps.Gate)
        {
            engine.Run(problem, tile, result);
        }
    }

    public void Dispose()
    {
    }
}
