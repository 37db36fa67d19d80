using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Benchmarks;

/// <summary>
/// Counts the floating-point operations of one descent step of a problem: one gradient evaluation plus one
/// optimizer update, run on <see cref="FlopCountingReal"/> from the centre of the box. The loop's own bookkeeping
/// (convergence and divergence tests, freezing finished lanes) is not counted: it is overhead, not descent work,
/// which is also how hand-written peers are counted.
/// </summary>
public static class StepFlops
{
    /// <summary>FLOPs and multiplier operations (products and fused multiply-adds) of one step of <paramref name="problem"/>.</summary>
    public static (int Flops, int Multiplies) Measure(DescentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var counter = new Counter(problem.Grid.Box);
        Specialization.Dispatch<FlopCountingReal, FlopCountingReal>(problem, counter);
        return (counter.Flops, counter.Multiplies);
    }

    private sealed class Counter(Box box) : ISpecializedDescent
    {
        public int Flops { get; private set; }

        public int Multiplies { get; private set; }

        public void Run<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            // A point off every axis and off the centre, so that no landscape takes a special branch.
            T x = T.Of(box.X0 + 0.37 * (box.X1 - box.X0));
            T y = T.Of(box.Y0 + 0.61 * (box.Y1 - box.Y0));
            OptimizerState<T> state = OptimizerState<T>.Initial;
            OptimizerSchedule<T> schedule = OptimizerSchedule<T>.Initial;
            optimizer.Advance(ref schedule);
            FlopCountingReal.Reset();
            landscape.Gradient(x, y, out T gradientX, out T gradientY);
            optimizer.Step(landscape, schedule, ref state, ref x, ref y, gradientX, gradientY);
            Flops = checked((int)FlopCountingReal.Operations);
            Multiplies = checked((int)FlopCountingReal.Multiplies);
        }
    }
}
