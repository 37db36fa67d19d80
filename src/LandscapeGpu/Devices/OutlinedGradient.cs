using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Devices;

/// <summary>
/// <typeparamref name="TLandscape"/> with its gradient compiled as a method of its own, which the descent loop calls.
/// </summary>
/// <remarks>
/// Why: the JIT's limits on inlining (its budget, and at most 512 locals) are per compiled method. The fixed-step loop
/// holds four copies of the gradient; for a large or exp-heavy one (Muller-Brown's wells, built in or typed) the loop
/// ran out of locals and left single operations as calls that passed vectors through memory. Compiled alone, the
/// gradient inlines whole; the loop pays one call per gradient instead. <see cref="SimdPlanTuner"/> times both ways.
/// </remarks>
/// <param name="landscape">The landscape.</param>
internal readonly struct OutlinedGradient<TLandscape>(TLandscape landscape) : ILandscape
    where TLandscape : struct, ILandscape
{
    private readonly TLandscape landscape = landscape;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T> => landscape.Loss(x, y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T> =>
        landscape.Gradient(x, y, out gradientX, out gradientY);
}
