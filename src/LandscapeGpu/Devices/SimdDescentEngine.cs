using System.Collections.Concurrent;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Devices;

/// <summary>
/// The native CPU engine: the same landscapes, optimizers and <see cref="Descent.Run"/> loop as the ILGPU kernel,
/// run with a SIMD number type (one or two independent chains of <see cref="Vector256{T}"/> lanes, one start per lane)
/// on every core. It allocates nothing per start: results go straight into the caller's <see cref="TileResult"/>.
/// </summary>
/// <remarks>
/// Starts are computed in float64 from the grid and rounded, exactly as the kernel computes them. The lane types
/// fuse <see cref="IReal{TSelf}.MultiplyAdd"/> where the kernel's one-lane types do not, and their Exp, Log, Sin and
/// Cos are .NET's vector implementations, so endpoints agree with the kernel to rounding, and basins agree except
/// for starts that sit on a basin boundary.
/// </remarks>
public sealed class SimdDescentEngine : IDescentEngine
{
    // Work items per thread a tile is split into: enough to balance the cores when some chunks finish early, few
    // enough that scheduling costs nothing next to a descent.
    private const int WorkItemsPerThread = 16;

    private readonly int threads;

    /// <summary>Creates an engine that runs on <paramref name="threads"/> threads.</summary>
    /// <param name="threads">Worker threads; the processor count by default.</param>
    public SimdDescentEngine(int? threads = null)
    {
        this.threads = threads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(this.threads, 1, nameof(threads));
        string instructions = Avx2.IsSupported ? (Fma.IsSupported ? "AVX2+FMA" : "AVX2") : Vector256.IsHardwareAccelerated ? "256-bit SIMD" : "emulated 256-bit vectors";
        Description = $"CPU SIMD ({this.threads} threads, {instructions}, {Lanes8F32.LaneCount}-{Lanes16F32.LaneCount} float32 or {Lanes4F64.LaneCount}-{Lanes8F64.LaneCount} float64 starts per thread at once)";
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public void Run(DescentProblem problem, TileSpec tile, TileResult result)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Capacity < tile.Count)
        {
            throw new ArgumentException($"the result holds {result.Capacity} starts but the tile has {tile.Count}", nameof(result));
        }

        if (tile.Count == 0)
        {
            return;
        }

        var launch = new Launch(this, problem, tile, result);
        if (UsesTwoChains(problem.Optimizer.Kind))
        {
            Specialization.Dispatch<Lanes16F32, Lanes8F64>(problem, launch);
        }
        else
        {
            Specialization.Dispatch<Lanes8F32, Lanes4F64>(problem, launch);
        }
    }

    /// <summary>
    /// Whether descents with <paramref name="optimizer"/> run two vector chains per thread (<see cref="Lanes16F32"/>,
    /// <see cref="Lanes8F64"/>) rather than one (<see cref="Lanes8F32"/>, <see cref="Lanes4F64"/>). Measured here:
    /// two chains made gradient descent about 1.6 times faster (one chain waits on its own latency), but made Adam
    /// 1.7 times slower, because its larger state no longer fits the 16 vector registers and spills to memory.
    /// </summary>
    public static bool UsesTwoChains(OptimizerKind optimizer) =>
        optimizer is OptimizerKind.GradientDescent or OptimizerKind.Momentum or OptimizerKind.Nesterov;

    /// <inheritdoc/>
    public void Dispose()
    {
        // Nothing to release: the engine holds no native resources and no buffers.
    }

    private sealed class Launch(SimdDescentEngine engine, DescentProblem problem, TileSpec tile, TileResult result) : ISpecializedDescent
    {
        public void Run<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            double tolerance = problem.Tolerance;
            double radius = problem.DivergenceRadius;
            var arguments = new SimdDescentArguments(problem.Grid, tile, problem.MaxSteps, tolerance * tolerance, radius * radius);
            int chunks = (tile.Count + T.LaneCount - 1) / T.LaneCount;
            int chunksPerItem = Math.Max(1, chunks / (engine.threads * WorkItemsPerThread));
            var options = new ParallelOptions { MaxDegreeOfParallelism = engine.threads };
            Parallel.ForEach(Partitioner.Create(0, chunks, chunksPerItem), options, range =>
                SimdDescentChunks.Run<TLandscape, TOptimizer, T>(landscape, optimizer, arguments, range.Item1, range.Item2, result));
        }
    }
}
