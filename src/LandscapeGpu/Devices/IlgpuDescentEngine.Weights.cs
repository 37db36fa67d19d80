using ILGPU;
using ILGPU.Runtime;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Devices;

// The K-weight maps (issue 14): one start per thread (registers are the limit at K weights), the loop of WeightDescent.
public sealed partial class IlgpuDescentEngine : IWeightDescentEngine
{
    private MemoryBuffer1D<double, Stride1D.Dense>? weightEndpoints;

    /// <summary>The accelerator this engine runs on: what a model's data is bound to before <see cref="Run{TModel}"/>.</summary>
    public Accelerator Accelerator => accelerator;

    /// <inheritdoc/>
    public void Run<TModel>(in TModel model, WeightDescentProblem problem, TileSpec tile, WeightTileResult result)
        where TModel : struct, IWeightModel
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Capacity < tile.Count || result.Count != problem.Count)
        {
            throw new ArgumentException($"the result holds {result.Capacity} starts of {result.Count} weights but the tile has {tile.Count} of {problem.Count}", nameof(result));
        }

        if (tile.Count == 0)
        {
            return;
        }

        EnsureCapacity(tile.Count);
        long values = (long)tile.Count * problem.Count;
        if (weightEndpoints is null || weightEndpoints.Length < values)
        {
            weightEndpoints?.Dispose();
            weightEndpoints = null;
            weightEndpoints = accelerator.Allocate1D<double>(values);
        }

        WeightSpecialization.Dispatch<TModel, Real32, Real64>(model, problem, new WeightLaunch(this, problem, tile, result));
    }

    private void DisposeWeightBuffers()
    {
        weightEndpoints?.Dispose();
        weightEndpoints = null;
    }

    private sealed class WeightLaunch(IlgpuDescentEngine engine, WeightDescentProblem problem, TileSpec tile, WeightTileResult result) : IWeightSpecializedDescent
    {
        public void Run<TModel, TOptimizer, T, TWeights, THessian>(in TModel model, in TOptimizer optimizer)
            where TModel : struct, IWeightModel
            where TOptimizer : struct, IWeightOptimizer<T>
            where T : struct, IReal<T>
            where TWeights : struct, IWeights<T, TWeights>
            where THessian : struct, ISymmetricWeights<T, THessian>
        {
            var kernel = (Action<Index1D, TModel, TOptimizer, WeightKernelArguments, ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<byte>>)
                engine.kernels.GetOrAdd(typeof(WeightKernelKey<TModel, TOptimizer, TWeights>), _ =>
                    engine.accelerator.LoadAutoGroupedStreamKernel<Index1D, TModel, TOptimizer, WeightKernelArguments,
                        ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<byte>>(WeightDescentKernel.Run<TModel, TOptimizer, T, TWeights, THessian>));

            double radius = problem.DivergenceRadius;
            var arguments = new WeightKernelArguments(problem.Grid, tile, problem.MaxSteps, problem.Tolerance * problem.Tolerance, radius * radius,
                problem.Count, problem.FreeX, problem.FreeY, problem.FixedSteps ? 1 : 0);
            int count = tile.Count;
            long values = (long)count * problem.Count;
            using MemoryBuffer1D<double, Stride1D.Dense> start = engine.accelerator.Allocate1D(problem.Start.ToArray());
            ArrayView<double> endpoints = engine.weightEndpoints!.View.SubView(0, values).AsContiguous();
            ArrayView<int> steps = engine.steps!.View.SubView(0, count).AsContiguous();
            ArrayView<byte> outcomes = engine.outcomes!.View.SubView(0, count).AsContiguous();
            kernel(count, model, optimizer, arguments, start.View, endpoints, steps, outcomes);
            engine.accelerator.Synchronize();

            endpoints.CopyToCPU(result.Endpoints.AsSpan(0, (int)values));
            steps.CopyToCPU(result.Steps.AsSpan(0, count));
            outcomes.CopyToCPU(System.Runtime.InteropServices.MemoryMarshal.Cast<DescentOutcome, byte>(result.Outcomes.AsSpan(0, count)));
        }
    }

    // A distinct type per specialization (the number type is TWeights' own): the cache key of its compiled kernel.
    private static class WeightKernelKey<TModel, TOptimizer, TWeights>;
}
