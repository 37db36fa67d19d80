using System.Collections.Concurrent;
using ILGPU;
using ILGPU.Runtime;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Devices;

/// <summary>
/// Runs <see cref="DescentKernel"/> on one ILGPU accelerator. Each (landscape, optimizer, precision)
/// combination is compiled once and reused; device buffers grow to the largest tile and are reused.
/// </summary>
public sealed partial class IlgpuDescentEngine : IDescentEngine
{
    private readonly Context context;
    private readonly Accelerator accelerator;
    private readonly ConcurrentDictionary<Type, Delegate> kernels = new();
    private MemoryBuffer1D<double, Stride1D.Dense>? endX;
    private MemoryBuffer1D<double, Stride1D.Dense>? endY;
    private MemoryBuffer1D<int, Stride1D.Dense>? steps;
    private MemoryBuffer1D<byte, Stride1D.Dense>? outcomes;
    private LandscapeEntry? boundLandscape;
    private LandscapeBinding? binding;

    /// <summary>Takes ownership of <paramref name="context"/> and <paramref name="accelerator"/>.</summary>
    public IlgpuDescentEngine(Context context, Accelerator accelerator, string description, EngineKind kind)
    {
        this.context = context;
        this.accelerator = accelerator;
        Description = description;
        Kind = kind;
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public EngineKind Kind { get; }

    /// <inheritdoc/>
    public void Run(DescentProblem problem, TileSpec tile, TileResult result)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Capacity < tile.Count)
        {
            throw new ArgumentException($"the result holds {result.Capacity} starts but the tile has {tile.Count}", nameof(result));
        }

        EnsureCapacity(tile.Count);
        DescentProblem onDevice = problem with { Landscape = Bind(problem.Landscape) };
        if (problem.Axes is { } axes)
        {
            double[] axisValues = axes.AxisValues(problem.Grid, tile);
            using MemoryBuffer1D<double, Stride1D.Dense> values = accelerator.Allocate1D(axisValues);
            Specialization.DispatchPerStart<Real32, Real64>(onDevice, new PerStartLaunch(this, onDevice, tile, result, axes.Setup(problem.Optimizer), values.View));
            return;
        }

        Specialization.Dispatch<Real32, Real64>(onDevice, new Launch(this, onDevice, tile, result));
    }

    // Kernels see the landscape bound to this accelerator (its data copied here once), kept while the same landscape runs.
    private LandscapeEntry Bind(LandscapeEntry landscape)
    {
        if (!ReferenceEquals(landscape, boundLandscape))
        {
            binding?.Dispose();
            binding = null;
            boundLandscape = null;
            binding = landscape.BindTo(accelerator);
            boundLandscape = landscape;
        }

        return binding!.Landscape;
    }

    private void EnsureCapacity(int count)
    {
        if (endX is not null && endX.Length >= count)
        {
            return;
        }

        DisposeBuffers();
        endX = accelerator.Allocate1D<double>(count);
        endY = accelerator.Allocate1D<double>(count);
        steps = accelerator.Allocate1D<int>(count);
        outcomes = accelerator.Allocate1D<byte>(count);
    }

    private void DisposeBuffers()
    {
        outcomes?.Dispose();
        steps?.Dispose();
        endY?.Dispose();
        endX?.Dispose();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        binding?.Dispose();
        DisposeWeightBuffers();
        DisposeBuffers();
        accelerator.Dispose();
        context.Dispose();
    }

    private sealed class Launch(IlgpuDescentEngine engine, DescentProblem problem, TileSpec tile, TileResult result) : ISpecializedDescent
    {
        public void Run<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            var kernel = (Action<Index1D, TLandscape, TOptimizer, DescentKernelArguments,
                ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<byte>>)engine.kernels.GetOrAdd(
                problem.FixedSteps ? typeof(FixedStepKernelKey<TLandscape, TOptimizer, T>) : typeof(DescentKernelKey<TLandscape, TOptimizer, T>),
                _ => engine.accelerator.LoadAutoGroupedStreamKernel<Index1D, TLandscape, TOptimizer, DescentKernelArguments,
                    ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<byte>>(
                    problem.FixedSteps ? DescentKernel.RunFixed<TLandscape, TOptimizer, T> : DescentKernel.Run<TLandscape, TOptimizer, T>));

            double tolerance = problem.Tolerance;
            double radius = problem.DivergenceRadius;
            var arguments = new DescentKernelArguments(problem.Grid, tile, problem.MaxSteps, tolerance * tolerance, radius * radius);
            int count = tile.Count;
            ArrayView<double> endX = engine.endX!.View.SubView(0, count).AsContiguous();
            ArrayView<double> endY = engine.endY!.View.SubView(0, count).AsContiguous();
            ArrayView<int> steps = engine.steps!.View.SubView(0, count).AsContiguous();
            ArrayView<byte> outcomes = engine.outcomes!.View.SubView(0, count).AsContiguous();
            int startsPerThread = Descent.GroupsFor(problem.FixedSteps);
            kernel((count + startsPerThread - 1) / startsPerThread, landscape, optimizer, arguments, endX, endY, steps, outcomes);
            engine.accelerator.Synchronize();

            endX.CopyToCPU(result.EndX.AsSpan(0, count));
            endY.CopyToCPU(result.EndY.AsSpan(0, count));
            steps.CopyToCPU(result.Steps.AsSpan(0, count));
            outcomes.CopyToCPU(System.Runtime.InteropServices.MemoryMarshal.Cast<DescentOutcome, byte>(result.Outcomes.AsSpan(0, count)));
        }
    }

    private sealed class PerStartLaunch(IlgpuDescentEngine engine, DescentProblem problem, TileSpec tile, TileResult result, StartSetup setup, ArrayView<double> axisValues)
        : IPerStartDescent
    {
        public void Run<TLandscape, TOptimizer, TFactory, T>(TLandscape landscape, TFactory factory)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where TFactory : struct, IOptimizerFactory<TOptimizer, T>
            where T : struct, IReal<T>
        {
            var kernel = (Action<Index1D, TLandscape, TFactory, DescentKernelArguments, PerStartKernelArguments, ArrayView<double>,
                ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<byte>>)engine.kernels.GetOrAdd(
                typeof(PerStartKernelKey<TLandscape, TOptimizer, T>),
                _ => engine.accelerator.LoadAutoGroupedStreamKernel<Index1D, TLandscape, TFactory, DescentKernelArguments, PerStartKernelArguments, ArrayView<double>,
                    ArrayView<double>, ArrayView<double>, ArrayView<int>, ArrayView<byte>>(DescentKernel.RunPerStart<TLandscape, TOptimizer, TFactory, T>));

            double tolerance = problem.Tolerance;
            double radius = problem.DivergenceRadius;
            var arguments = new DescentKernelArguments(problem.Grid, tile, problem.MaxSteps, tolerance * tolerance, radius * radius);
            int count = tile.Count;
            ArrayView<double> endX = engine.endX!.View.SubView(0, count).AsContiguous();
            ArrayView<double> endY = engine.endY!.View.SubView(0, count).AsContiguous();
            ArrayView<int> steps = engine.steps!.View.SubView(0, count).AsContiguous();
            ArrayView<byte> outcomes = engine.outcomes!.View.SubView(0, count).AsContiguous();
            kernel(count, landscape, factory, arguments, new PerStartKernelArguments(setup, problem.FixedSteps ? 1 : 0), axisValues, endX, endY, steps, outcomes);
            engine.accelerator.Synchronize();

            endX.CopyToCPU(result.EndX.AsSpan(0, count));
            endY.CopyToCPU(result.EndY.AsSpan(0, count));
            steps.CopyToCPU(result.Steps.AsSpan(0, count));
            outcomes.CopyToCPU(System.Runtime.InteropServices.MemoryMarshal.Cast<DescentOutcome, byte>(result.Outcomes.AsSpan(0, count)));
        }
    }

    private static class PerStartKernelKey<TLandscape, TOptimizer, T>;

    // A distinct type per specialization: the cache key of its compiled kernel.
    private static class DescentKernelKey<TLandscape, TOptimizer, T>;

    private static class FixedStepKernelKey<TLandscape, TOptimizer, T>;
}
