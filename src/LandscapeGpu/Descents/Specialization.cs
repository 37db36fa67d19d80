using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Descents;

/// <summary>A computation specialized on the concrete landscape, optimizer and number type: what an engine implements.</summary>
public interface ISpecializedDescent
{
    /// <summary>Runs with the concrete types.</summary>
    void Run<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where T : struct, IReal<T>;
}

/// <summary>
/// A computation whose every start has an optimizer of its own (a map with hyperparameters on its axes), specialized
/// on the concrete landscape, optimizer and number type: it builds each start's optimizer with the factory.
/// </summary>
public interface IPerStartDescent
{
    /// <summary>Runs with the concrete types.</summary>
    void Run<TLandscape, TOptimizer, TFactory, T>(TLandscape landscape, TFactory factory)
        where TLandscape : struct, ILandscape
        where TOptimizer : struct, IOptimizer<T>
        where TFactory : struct, IOptimizerFactory<TOptimizer, T>
        where T : struct, IReal<T>;
}

/// <summary>
/// Turns the run-time choices (landscape, optimizer, precision) into one call of
/// <see cref="ISpecializedDescent.Run"/> with concrete struct types, so that each combination is compiled
/// as its own kernel. The engine names its own number types for float32 and float64.
/// </summary>
public static class Specialization
{
    /// <summary>Calls <paramref name="target"/> with the concrete types of <paramref name="problem"/>.</summary>
    /// <typeparam name="TReal32">The engine's float32 number type.</typeparam>
    /// <typeparam name="TReal64">The engine's float64 number type.</typeparam>
    public static void Dispatch<TReal32, TReal64>(DescentProblem problem, ISpecializedDescent target)
        where TReal32 : struct, IReal<TReal32>
        where TReal64 : struct, IReal<TReal64>
    {
        ArgumentNullException.ThrowIfNull(problem);
        problem.Landscape.Accept(new LandscapeStage<TReal32, TReal64>(problem, target));
    }

    /// <summary>Calls <paramref name="target"/> with the concrete types of <paramref name="problem"/> and its optimizer's factory.</summary>
    /// <typeparam name="TReal32">The engine's float32 number type.</typeparam>
    /// <typeparam name="TReal64">The engine's float64 number type.</typeparam>
    public static void DispatchPerStart<TReal32, TReal64>(DescentProblem problem, IPerStartDescent target)
        where TReal32 : struct, IReal<TReal32>
        where TReal64 : struct, IReal<TReal64>
    {
        ArgumentNullException.ThrowIfNull(problem);
        problem.Landscape.Accept(new PerStartStage<TReal32, TReal64>(problem, target));
    }

    private sealed class PerStartStage<TReal32, TReal64>(DescentProblem problem, IPerStartDescent target) : ILandscapeVisitor<bool>
        where TReal32 : struct, IReal<TReal32>
        where TReal64 : struct, IReal<TReal64>
    {
        public bool Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape
        {
            if (problem.Precision == Precision.F32)
            {
                WithNumberType<TLandscape, TReal32>(landscape);
            }
            else
            {
                WithNumberType<TLandscape, TReal64>(landscape);
            }

            return true;
        }

        private void WithNumberType<TLandscape, T>(TLandscape landscape)
            where TLandscape : struct, ILandscape
            where T : struct, IReal<T>
        {
            switch (problem.Optimizer.Kind)
            {
                case OptimizerKind.GradientDescent:
                    target.Run<TLandscape, GradientDescent<T>, GradientDescentFactory<T>, T>(landscape, default);
                    break;
                case OptimizerKind.Momentum:
                    target.Run<TLandscape, Momentum<T>, MomentumFactory<T>, T>(landscape, default);
                    break;
                case OptimizerKind.Nesterov:
                    target.Run<TLandscape, Nesterov<T>, NesterovFactory<T>, T>(landscape, default);
                    break;
                case OptimizerKind.RmsProp:
                    target.Run<TLandscape, RmsProp<T>, RmsPropFactory<T>, T>(landscape, default);
                    break;
                case OptimizerKind.Adam:
                    target.Run<TLandscape, Adam<T>, AdamFactory<T>, T>(landscape, default);
                    break;
                case OptimizerKind.Newton:
                    target.Run<TLandscape, Newton<T>, NewtonFactory<T>, T>(landscape, default);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(problem), problem.Optimizer.Kind, "unknown optimizer kind");
            }
        }
    }

    private sealed class LandscapeStage<TReal32, TReal64>(DescentProblem problem, ISpecializedDescent target) : ILandscapeVisitor<bool>
        where TReal32 : struct, IReal<TReal32>
        where TReal64 : struct, IReal<TReal64>
    {
        public bool Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape
        {
            if (problem.Precision == Precision.F32)
            {
                WithNumberType<TLandscape, TReal32>(landscape);
            }
            else
            {
                WithNumberType<TLandscape, TReal64>(landscape);
            }

            return true;
        }

        private void WithNumberType<TLandscape, T>(TLandscape landscape)
            where TLandscape : struct, ILandscape
            where T : struct, IReal<T>
        {
            OptimizerSettings settings = problem.Optimizer;
            switch (settings.Kind)
            {
                case OptimizerKind.GradientDescent:
                    target.Run<TLandscape, GradientDescent<T>, T>(landscape, new GradientDescent<T>(settings));
                    break;
                case OptimizerKind.Momentum:
                    target.Run<TLandscape, Momentum<T>, T>(landscape, new Momentum<T>(settings));
                    break;
                case OptimizerKind.Nesterov:
                    target.Run<TLandscape, Nesterov<T>, T>(landscape, new Nesterov<T>(settings));
                    break;
                case OptimizerKind.RmsProp:
                    target.Run<TLandscape, RmsProp<T>, T>(landscape, new RmsProp<T>(settings));
                    break;
                case OptimizerKind.Adam:
                    target.Run<TLandscape, Adam<T>, T>(landscape, new Adam<T>(settings));
                    break;
                case OptimizerKind.Newton:
                    target.Run<TLandscape, Newton<T>, T>(landscape, new Newton<T>(settings));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(problem), settings.Kind, "unknown optimizer kind");
            }
        }
    }
}
