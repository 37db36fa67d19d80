using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Weights;

/// <summary>The specialized types of one K-weight descent: what <see cref="WeightSpecialization.Dispatch"/> chooses.</summary>
public interface IWeightSpecializedDescent
{
    /// <summary>Runs the descent with these types.</summary>
    void Run<TModel, TOptimizer, T, TWeights, THessian>(in TModel model, in TOptimizer optimizer)
        where TModel : struct, IWeightModel
        where TOptimizer : struct, IWeightOptimizer<T>
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>;
}

/// <summary>
/// Turns a <see cref="WeightDescentProblem"/>'s values into types, once per tile: the number type from the precision,
/// the smallest generated weight vector that holds K weights, and the optimizer, so that each step is compiled code.
/// </summary>
public static class WeightSpecialization
{
    /// <summary>Calls <paramref name="target"/> with the types of <paramref name="problem"/> (<typeparamref name="TReal32"/> or <typeparamref name="TReal64"/>).</summary>
    public static void Dispatch<TModel, TReal32, TReal64>(in TModel model, WeightDescentProblem problem, IWeightSpecializedDescent target)
        where TModel : struct, IWeightModel
        where TReal32 : struct, IReal<TReal32>
        where TReal64 : struct, IReal<TReal64>
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(target);
        if (model.Count != problem.Count)
        {
            throw new ArgumentException($"the model trains {model.Count} weights but the problem starts {problem.Count}", nameof(problem));
        }

        if (problem.Precision == Precision.F32)
        {
            WithNumberType<TModel, TReal32>(model, problem, target);
        }
        else
        {
            WithNumberType<TModel, TReal64>(model, problem, target);
        }
    }

    private static void WithNumberType<TModel, T>(in TModel model, WeightDescentProblem problem, IWeightSpecializedDescent target)
        where TModel : struct, IWeightModel
        where T : struct, IReal<T>
    {
        switch (problem.Count)
        {
            case <= 4:
                WithWeights<TModel, T, Weights4<T>, SymmetricWeights4<T>>(model, problem, target);
                break;
            case <= 8:
                WithWeights<TModel, T, Weights8<T>, SymmetricWeights8<T>>(model, problem, target);
                break;
            case <= WeightDescent.MaxWeights:
                WithWeights<TModel, T, Weights16<T>, SymmetricWeights16<T>>(model, problem, target);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(problem), problem.Count, $"at most {WeightDescent.MaxWeights} weights descend together");
        }
    }

    private static void WithWeights<TModel, T, TWeights, THessian>(in TModel model, WeightDescentProblem problem, IWeightSpecializedDescent target)
        where TModel : struct, IWeightModel
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        OptimizerValues<T> values = OptimizerValues<T>.Of(problem.Optimizer);
        switch (problem.Optimizer.Kind)
        {
            case OptimizerKind.GradientDescent:
                target.Run<TModel, WeightGradientDescent<T>, T, TWeights, THessian>(model, new WeightGradientDescent<T>(values));
                break;
            case OptimizerKind.Momentum:
                target.Run<TModel, WeightMomentum<T>, T, TWeights, THessian>(model, new WeightMomentum<T>(values));
                break;
            case OptimizerKind.Nesterov:
                target.Run<TModel, WeightNesterov<T>, T, TWeights, THessian>(model, new WeightNesterov<T>(values));
                break;
            case OptimizerKind.RmsProp:
                target.Run<TModel, WeightRmsProp<T>, T, TWeights, THessian>(model, new WeightRmsProp<T>(values));
                break;
            case OptimizerKind.Adam:
                target.Run<TModel, WeightAdam<T>, T, TWeights, THessian>(model, new WeightAdam<T>(values));
                break;
            case OptimizerKind.Newton:
                target.Run<TModel, WeightNewton<T>, T, TWeights, THessian>(model, new WeightNewton<T>(values));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(problem), problem.Optimizer.Kind, "unknown optimizer kind");
        }
    }
}
