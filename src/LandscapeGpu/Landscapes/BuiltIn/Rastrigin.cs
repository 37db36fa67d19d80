using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.BuiltIn;

/// <summary>Rastrigin's function in 2-D: a lattice of local minima around the global one at the origin.</summary>
public readonly struct Rastrigin : ILandscape
{
    private const double TwoPi = 2 * Math.PI;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T> =>
        T.Of(20) + x * x - T.Of(10) * T.CosTwoPi(x) + y * y - T.Of(10) * T.CosTwoPi(y);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T>
    {
        gradientX = T.MultiplyAdd(T.Of(10 * TwoPi), T.SinTwoPi(x), x + x);
        gradientY = T.MultiplyAdd(T.Of(10 * TwoPi), T.SinTwoPi(y), y + y);
    }
}
