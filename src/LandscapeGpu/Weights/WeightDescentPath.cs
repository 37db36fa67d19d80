using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Weights;

/// <summary>The recorded descent of one start in all K trained weights, with the float64 loss at every step.</summary>
/// <param name="Weights">The full weight vector after 0, 1, ... steps, to the endpoint (K entries each, in the problem's order).</param>
/// <param name="Losses">The loss at each of <paramref name="Weights"/>, in float64.</param>
/// <param name="Outcome">How it ended, by <see cref="WeightDescent"/>'s own verdict.</param>
public sealed record RecordedWeightDescent(IReadOnlyList<double[]> Weights, IReadOnlyList<double> Losses, DescentOutcome Outcome)
{
    /// <summary>Steps taken: one less than the points.</summary>
    public int Steps => Weights.Count - 1;
}

/// <summary>
/// Records the whole descent of one start of a K-weight map on the host in float64, through <see cref="WeightDescent"/>'s
/// own loop (one start in a scalar <see cref="Real64"/> lane, the same optimizer structs and stopping rules as the
/// map's engines): there is no second copy of the loop. The loop takes the gradient exactly once at every point of the path,
/// the start and the endpoint included, so a model that notes the weights it is asked about sees the path.
/// </summary>
public static class WeightDescentPath
{
    /// <summary>
    /// Records the descent of <paramref name="problem"/> on <paramref name="entry"/>'s model from the start whose free
    /// weights are (<paramref name="x"/>, <paramref name="y"/>) and whose other weights are the problem's
    /// <see cref="WeightDescentProblem.Start"/>, in float64 whatever the problem's precision (as the 2-D
    /// <see cref="DescentPath"/> does), with each point's loss in float64.
    /// </summary>
    public static RecordedWeightDescent Record(WeightModelEntry entry, WeightDescentProblem problem, double x, double y)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(problem);
        return entry.Accept(new Visitor(problem, x, y));
    }

    /// <summary>
    /// Records the descent of <paramref name="problem"/> on <paramref name="model"/> from (<paramref name="x"/>,
    /// <paramref name="y"/>) in the free weights, in float64; each point's loss is the model's own Loss in float64.
    /// </summary>
    public static RecordedWeightDescent Record<TModel>(in TModel model, WeightDescentProblem problem, double x, double y)
        where TModel : struct, IWeightModel
    {
        ArgumentNullException.ThrowIfNull(problem);
        var start = new double[problem.Count];
        for (int k = 0; k < start.Length; k++)
        {
            start[k] = problem.Start[k];
        }

        start[problem.FreeX] = x;
        start[problem.FreeY] = y;
        var points = new List<double[]>();
        var recording = new RecordingModel<TModel>(model, points);
        // Float64 whatever the run's precision: the reference the map's float32 descents are judged against.
        var runner = new Runner(start, problem);
        WeightSpecialization.Dispatch<RecordingModel<TModel>, Real64, Real64>(recording, problem with { Precision = Precision.F64 }, runner);
        var losses = new double[points.Count];
        for (int i = 0; i < losses.Length; i++)
        {
            losses[i] = LossOf(model, points[i]);
        }

        return new RecordedWeightDescent(points, losses, runner.Outcome);
    }

    private static double LossOf<TModel>(in TModel model, double[] weights) where TModel : struct, IWeightModel
    {
        var vector = default(Weights16<Real64>);
        for (int k = 0; k < weights.Length; k++)
        {
            Weights16<Real64>.Set(ref vector, k, Real64.Of(weights[k]));
        }

        return model.Loss<Real64, Weights16<Real64>>(vector).Value;
    }

    private sealed class Visitor(WeightDescentProblem problem, double x, double y) : IWeightModelVisitor<RecordedWeightDescent>
    {
        public RecordedWeightDescent Visit<TModel>(TModel model) where TModel : struct, IWeightModel => Record(model, problem, x, y);
    }

    private sealed class Runner(double[] start, WeightDescentProblem problem) : IWeightSpecializedDescent
    {
        public DescentOutcome Outcome { get; private set; }

        public void Run<TModel, TOptimizer, T, TWeights, THessian>(in TModel model, in TOptimizer optimizer)
            where TModel : struct, IWeightModel
            where TOptimizer : struct, IWeightOptimizer<T>
            where T : struct, IReal<T>
            where TWeights : struct, IWeights<T, TWeights>
            where THessian : struct, ISymmetricWeights<T, THessian>
        {
            var weights = default(TWeights);
            for (int k = 0; k < start.Length; k++)
            {
                TWeights.Set(ref weights, k, T.Of(start[k]));
            }

            T tolerance2 = T.Of(problem.Tolerance * problem.Tolerance);
            double radius = problem.DivergenceRadius;
            T radius2 = T.Of(radius * radius);
            T status;
            if (problem.FixedSteps)
            {
                WeightDescent.RunFixed<TModel, TOptimizer, T, TWeights, THessian>(model, optimizer, ref weights, problem.MaxSteps, tolerance2, radius2, out status);
            }
            else
            {
                WeightDescent.Run<TModel, TOptimizer, T, TWeights, THessian>(model, optimizer, ref weights, problem.MaxSteps, tolerance2, radius2, out status, out _);
            }

            Outcome = (DescentOutcome)(int)T.GetLane(status, 0);
        }
    }

    /// <summary>The model, noting the weights of every gradient the loop asks for (one lane: a scalar start).</summary>
    private readonly struct RecordingModel<TModel>(TModel inner, List<double[]> points) : IWeightModel
        where TModel : struct, IWeightModel
    {
        private readonly TModel inner = inner;

        public int Count => inner.Count;

        public T Loss<T, TWeights>(in TWeights weights)
            where T : struct, IReal<T>
            where TWeights : struct, IWeights<T, TWeights> =>
            inner.Loss<T, TWeights>(weights);

        public void Gradient<T, TWeights>(in TWeights weights, out TWeights gradient)
            where T : struct, IReal<T>
            where TWeights : struct, IWeights<T, TWeights>
        {
            var point = new double[inner.Count];
            for (int k = 0; k < point.Length; k++)
            {
                point[k] = T.GetLane(TWeights.Get(weights, k), 0);
            }

            points.Add(point);
            inner.Gradient<T, TWeights>(weights, out gradient);
        }

        public void Hessian<T, TWeights, THessian>(in TWeights weights, out THessian hessian)
            where T : struct, IReal<T>
            where TWeights : struct, IWeights<T, TWeights>
            where THessian : struct, ISymmetricWeights<T, THessian> =>
            inner.Hessian<T, TWeights, THessian>(weights, out hessian);
    }
}
