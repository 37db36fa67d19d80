using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Descents;

/// <summary>
/// What the descent loops keep in memory on purpose: the optimizer's states (one per group, and
/// <see cref="Descent.Run"/>'s saved copies for undoing a block) and its schedule. The loops take it by reference:
/// a kernel passes a local, the SIMD engine a block on a cache-line boundary (<c>SimdDescentChunks</c>).
/// </summary>
/// <remarks>
/// Why memory: only the positions and verdicts need registers. Promoted into registers as well (Adam: four moments a
/// group), the state left too few for a step's intermediate values, which were then stored and reloaded on the path
/// from one step to the next (fixed steps: momentum ran 2.4 times, RMSProp 2.3 times and Adam 2 times slower). Why
/// aligned: a .NET stack local is only 8-byte aligned, so half of the 32-byte and all of the 64-byte vector loads and
/// stores of a state read back every step straddled two cache lines.
/// </remarks>
/// <typeparam name="T">The number type.</typeparam>
public struct DescentMemory<T> where T : struct, IReal<T>
{
    /// <summary>Group 0's optimizer state.</summary>
    public OptimizerState<T> A;

    /// <summary>Group 1's optimizer state.</summary>
    public OptimizerState<T> B;

    /// <summary>Group 2's optimizer state (fixed-step loop).</summary>
    public OptimizerState<T> C;

    /// <summary>Group 3's optimizer state (fixed-step loop).</summary>
    public OptimizerState<T> D;

    /// <summary>Group 0's state at the start of the current optimistic block.</summary>
    public OptimizerState<T> SavedA;

    /// <summary>Group 1's state at the start of the current optimistic block.</summary>
    public OptimizerState<T> SavedB;

    /// <summary>The optimizer's per-step schedule.</summary>
    public OptimizerSchedule<T> Schedule;

    /// <summary>The schedule at the start of the current optimistic block.</summary>
    public OptimizerSchedule<T> SavedSchedule;

    /// <summary>
    /// Sets every state and schedule to its initial value before a descent; does nothing for an optimizer that keeps
    /// none (<paramref name="keepsState"/> false), whose loops never read it (ten initial states were measurable per chunk).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization | MethodImplOptions.NoInlining)]
    public static void Start(ref DescentMemory<T> memory, bool keepsState)
    {
        if (!keepsState)
        {
            return;
        }

        memory.A = OptimizerState<T>.Initial;
        memory.B = OptimizerState<T>.Initial;
        memory.C = OptimizerState<T>.Initial;
        memory.D = OptimizerState<T>.Initial;
        memory.SavedA = memory.A;
        memory.SavedB = memory.A;
        memory.Schedule = OptimizerSchedule<T>.Initial;
        memory.SavedSchedule = memory.Schedule;
    }

    /// <summary>Saves groups 0 and 1 and the schedule at the start of an optimistic block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void SaveBlock(ref DescentMemory<T> memory)
    {
        CopyState(memory.A, ref memory.SavedA);
        CopyState(memory.B, ref memory.SavedB);
        CopySchedule(memory.Schedule, ref memory.SavedSchedule);
    }

    /// <summary>Puts groups 0 and 1 and the schedule back as <see cref="SaveBlock"/> left them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RestoreBlock(ref DescentMemory<T> memory)
    {
        CopyState(memory.SavedA, ref memory.A);
        CopyState(memory.SavedB, ref memory.B);
        CopySchedule(memory.SavedSchedule, ref memory.Schedule);
    }

    // Field by field on purpose: a whole-struct copy of a SIMD state (hundreds of bytes) is compiled to a call to
    // a memory-copy helper, and the vector registers live across that call were measured to be kept in memory
    // through the whole block that follows, which made the SIMD engine several times slower.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyState(in OptimizerState<T> source, ref OptimizerState<T> destination)
    {
        destination.FirstX = source.FirstX;
        destination.FirstY = source.FirstY;
        destination.SecondX = source.SecondX;
        destination.SecondY = source.SecondY;
    }

    // Field by field, as CopyState.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopySchedule(in OptimizerSchedule<T> source, ref OptimizerSchedule<T> destination)
    {
        destination.Beta1Power = source.Beta1Power;
        destination.Beta2Power = source.Beta2Power;
        destination.StepSize = source.StepSize;
        destination.StepSizeY = source.StepSizeY;
        destination.ScaledEpsilon = source.ScaledEpsilon;
    }
}
