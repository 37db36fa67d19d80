using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Devices;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Tests.Devices;

/// <summary>
/// The reference every engine is compared with: a plain loop over the starts calling the shared
/// <see cref="Descent.Run"/> with <see cref="Real64"/>, whatever precision the problem asks for.
/// </summary>
public sealed class Float64ReferenceEngine : IDescentEngine
{
    public string Description => "float64 reference loop";

    public EngineKind Kind => EngineKind.Cpu;

    public void Run(DescentProblem problem, TileSpec tile, TileResult result) =>
        Specialization.Dispatch<Real64, Real64>(problem, new Loop(problem, tile, result));

    public void Dispose()
    {
    }

    private sealed class Loop(DescentProblem problem, TileSpec tile, TileResult result) : ISpecializedDescent
    {
        public void Run<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            double tolerance = problem.Tolerance, radius = problem.DivergenceRadius;
            for (int i = 0; i < tile.Count; i++)
            {
                T x = T.Of(problem.Grid.StartX(tile.X + i % tile.Width));
                T y = T.Of(problem.Grid.StartY(tile.Y + i / tile.Width));
                T status, steps;
                if (problem.FixedSteps)
                {
                    // All four groups descend the same start; the first one's result is kept.
                    T x1 = x, y1 = y, x2 = x, y2 = y, x3 = x, y3 = y;
                    var memory = default(DescentMemory<T>);
                    Descent.RunFixed(landscape, optimizer, ref memory, ref x, ref y, ref x1, ref y1, ref x2, ref y2, ref x3, ref y3, problem.MaxSteps,
                        T.Of(tolerance * tolerance), T.Of(radius * radius), out status, out _, out _, out _);
                    steps = T.Of(problem.MaxSteps);
                }
                else
                {
                    Descent.RunSingle(landscape, optimizer, ref x, ref y, problem.MaxSteps, T.Of(tolerance * tolerance), T.Of(radius * radius),
                        out status, out steps);
                }

                result.EndX[i] = T.GetLane(x, 0);
                result.EndY[i] = T.GetLane(y, 0);
                result.Steps[i] = (int)T.GetLane(steps, 0);
                result.Outcomes[i] = (DescentOutcome)(byte)T.GetLane(status, 0);
            }
        }
    }
}
