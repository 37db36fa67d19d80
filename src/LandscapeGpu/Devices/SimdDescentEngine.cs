using System.Collections.Concurrent;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Devices;

/// <summary>
/// The native CPU engine: the same landscapes, optimizers and <see cref="Descent.Run"/> (or
/// <see cref="Descent.RunFixed"/>) loop as the ILGPU kernel, run with a SIMD number type (one start per lane:
/// <see cref="Lanes8F32"/> and <see cref="Lanes4F64"/> over <see cref="Vector256{T}"/>, or <see cref="Lanes16F32"/>
/// and <see cref="Lanes8F64"/> over <see cref="Vector512{T}"/>), two or four groups of lanes in flight per thread,
/// on every core. It allocates nothing per start: results go straight into the caller's <see cref="TileResult"/>.
/// </summary>
/// <remarks>
/// Starts are computed in float64 from the grid and rounded, exactly as the kernel computes them. The lane types
/// fuse <see cref="IReal{TSelf}.MultiplyAdd"/> where the kernel's one-lane types do not, and their Exp, Log, Sin and
/// Cos are .NET's vector implementations, so endpoints agree with the kernel to rounding, and basins agree except
/// for starts that sit on a basin boundary. Both widths, with the gradient inlined or called, give the same results bit
/// for bit; a <see cref="SimdPlanTuner"/> times these plans per kind of problem and keeps the fastest.
/// </remarks>
public sealed partial class SimdDescentEngine : IDescentEngine
{
    // Work items per thread a tile is split into: enough to balance the cores when some chunks finish early, few
    // enough that scheduling costs nothing next to a descent.
    private const int WorkItemsPerThread = 16;

    private readonly int threads;
    private readonly SimdPlanTuner tuner;

    /// <summary>Creates an engine that runs on <paramref name="threads"/> threads with lanes <paramref name="width"/> wide.</summary>
    /// <param name="threads">Worker threads; the processor count by default.</param>
    /// <param name="width">The vector width; <see cref="SimdWidth.Auto"/> times both where the CPU has 512-bit vectors.</param>
    /// <param name="callsGradient">Whether the loop calls the gradient (true) or inlines it (false); null: timed per problem, with the width (see <see cref="SimdPlanTuner"/>).</param>
    public SimdDescentEngine(int? threads = null, SimdWidth width = SimdWidth.Auto, bool? callsGradient = null)
    {
        this.threads = threads ?? Environment.ProcessorCount;
        ArgumentOutOfRangeException.ThrowIfLessThan(this.threads, 1, nameof(threads));
        IReadOnlyList<SimdPlan> candidates = SimdPlan.Candidates(width, Vector512.IsHardwareAccelerated);
        tuner = new SimdPlanTuner([.. candidates.Where(plan => callsGradient is null || plan.CallsGradient == callsGradient)]);
        string instructions = Avx512F.IsSupported ? "AVX-512" : Avx2.IsSupported ? (Fma.IsSupported ? "AVX2+FMA" : "AVX2") : Vector256.IsHardwareAccelerated ? "256-bit SIMD" : "emulated 256-bit vectors";
        string lanes = width switch
        {
            SimdWidth.Bits256 => "256-bit lanes",
            SimdWidth.Bits512 => Vector512.IsHardwareAccelerated ? "512-bit lanes" : "512-bit lanes, emulated",
            _ => Vector512.IsHardwareAccelerated ? "256- or 512-bit lanes" : "256-bit lanes",
        };
        if (callsGradient is null)
        {
            lanes += ", the fastest way timed per problem";
        }
        Description = $"CPU SIMD ({this.threads} threads, {instructions}, {lanes})";
    }

    /// <summary>
    /// How this engine runs <paramref name="problem"/>: the only plan it was allowed, or the one its timing chose for
    /// this kind of problem, with <paramref name="timed"/> true; while it has not timed it (too little work so far),
    /// the plan it runs meanwhile, with <paramref name="timed"/> false.
    /// </summary>
    public SimdPlan PlanFor(DescentProblem problem, out bool timed)
    {
        SimdPlan? chosen = tuner.ChosenFor(problem);
        timed = chosen is not null;
        return chosen ?? tuner.Default;
    }

    /// <inheritdoc/>
    public string Description { get; }

    /// <inheritdoc/>
    public EngineKind Kind => EngineKind.Cpu;

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

        if (problem.Axes is { } axes)
        {
            RunAxes(axes, problem, tile, result);
            return;
        }

        SimdPlan plan = Choose(problem, tile, timeNow: false);
        long started = System.Diagnostics.Stopwatch.GetTimestamp();
        RunWith(plan, problem, tile, result, threads);
        tuner.Record(problem, System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>
    /// Chooses the plan for <paramref name="problem"/>'s kind now, timing the candidates on samples of
    /// <paramref name="tile"/>, rather than after its first <see cref="SimdPlanTuner.TuneAfter"/> of descents: for
    /// benchmarks, which should measure the plan a long run settles on. Returns the plan, as <see cref="PlanFor"/> would.
    /// </summary>
    public SimdPlan PlanNow(DescentProblem problem, TileSpec tile, out bool timed)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Choose(problem, tile, timeNow: true);
        return PlanFor(problem, out timed);
    }

    // The tuner's choice; timing samples (at most the steps the tuner asks) go to a scratch buffer, the tile itself is
    // descended once, with the plan chosen. A sample runs on the calling thread: a few hundred starts split over the
    // thread pool timed mostly the wake-up of its workers (on a loaded machine, 20 ms for one step of 512 starts,
    // ten times the sample), and a plan's speed is that of one core's loop.
    private SimdPlan Choose(DescentProblem problem, TileSpec tile, bool timeNow)
    {
        TileResult? scratch = null;
        return tuner.Choose(problem, tile, (samplePlan, sample, steps) =>
        {
            scratch = scratch is { } existing && existing.Capacity >= sample.Count ? existing : new TileResult(sample.Count);
            RunWith(samplePlan, steps == problem.MaxSteps ? problem : problem with { MaxSteps = steps }, sample, scratch, threads: 1);
        }, timeNow);
    }

    private static void RunWith(SimdPlan plan, DescentProblem problem, TileSpec tile, TileResult result, int threads)
    {
        var launch = new Launch(threads, plan.CallsGradient, problem, tile, result);
        if (plan.Width == SimdWidth.Bits512)
        {
            Specialization.Dispatch<Lanes16F32, Lanes8F64>(problem, launch);
        }
        else
        {
            Specialization.Dispatch<Lanes8F32, Lanes4F64>(problem, launch);
        }
    }

    // A map with other axes than start x and y (see SimdAxesChunks): one group of lanes per chunk, at the default
    // plan's width; the plans are not timed for it.
    private void RunAxes(MapAxes axes, DescentProblem problem, TileSpec tile, TileResult result)
    {
        double tolerance = problem.Tolerance;
        double radius = problem.DivergenceRadius;
        var arguments = new SimdAxesArguments(tile, problem.MaxSteps, tolerance * tolerance, radius * radius, problem.FixedSteps,
            axes.Setup(problem.Optimizer), axes.AxisValues(problem.Grid, tile));
        var launch = new AxesLaunch(this, arguments, result);
        if (tuner.Default.Width == SimdWidth.Bits512)
        {
            Specialization.DispatchPerStart<Lanes16F32, Lanes8F64>(problem, launch);
        }
        else
        {
            Specialization.DispatchPerStart<Lanes8F32, Lanes4F64>(problem, launch);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        // Nothing to release: the engine holds no native resources and no buffers.
    }

    private sealed class Launch(int threads, bool callsGradient, DescentProblem problem, TileSpec tile, TileResult result) : ISpecializedDescent
    {
        public void Run<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            double tolerance = problem.Tolerance;
            double radius = problem.DivergenceRadius;
            var columnX = new double[tile.Width];
            for (int column = 0; column < columnX.Length; column++)
            {
                columnX[column] = problem.Grid.StartX(tile.X + column);
            }

            var arguments = new SimdDescentArguments(problem.Grid, tile, problem.MaxSteps, tolerance * tolerance, radius * radius, problem.FixedSteps, columnX);
            if (callsGradient)
            {
                RunChunks<OutlinedGradient<TLandscape>, TOptimizer, T>(new OutlinedGradient<TLandscape>(landscape), optimizer, arguments);
            }
            else
            {
                RunChunks<TLandscape, TOptimizer, T>(landscape, optimizer, arguments);
            }
        }

        // The tile's chunks, split into work items over the threads (on the calling thread for one).
        private void RunChunks<TLandscape, TOptimizer, T>(TLandscape landscape, TOptimizer optimizer, SimdDescentArguments arguments)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where T : struct, IReal<T>
        {
            int chunkSize = SimdDescentChunks.ChunkSize<T>(problem.FixedSteps);
            int chunks = (tile.Count + chunkSize - 1) / chunkSize;
            if (threads == 1)
            {
                SimdDescentChunks.Run<TLandscape, TOptimizer, T>(landscape, optimizer, arguments, 0, chunks, result);
                return;
            }

            int chunksPerItem = Math.Max(1, chunks / (threads * WorkItemsPerThread));
            var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
            Parallel.ForEach(Partitioner.Create(0, chunks, chunksPerItem), options, range =>
                SimdDescentChunks.Run<TLandscape, TOptimizer, T>(landscape, optimizer, arguments, range.Item1, range.Item2, result));
        }
    }

    private sealed class AxesLaunch(SimdDescentEngine engine, SimdAxesArguments arguments, TileResult result) : IPerStartDescent
    {
        public void Run<TLandscape, TOptimizer, TFactory, T>(TLandscape landscape, TFactory factory)
            where TLandscape : struct, ILandscape
            where TOptimizer : struct, IOptimizer<T>
            where TFactory : struct, IOptimizerFactory<TOptimizer, T>
            where T : struct, IReal<T>
        {
            int chunks = (arguments.Tile.Count + T.LaneCount - 1) / T.LaneCount;
            int chunksPerItem = Math.Max(1, chunks / (engine.threads * WorkItemsPerThread));
            var options = new ParallelOptions { MaxDegreeOfParallelism = engine.threads };
            Parallel.ForEach(Partitioner.Create(0, chunks, chunksPerItem), options, range =>
                SimdAxesChunks.Run<TLandscape, TOptimizer, TFactory, T>(landscape, factory, arguments, range.Item1, range.Item2, result));
        }
    }
}
