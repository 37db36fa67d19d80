using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.BuiltIn;

/// <summary>Rosenbrock's banana valley: one minimum at (1, 1), reached slowly along a curved valley.</summary>
public readonly struct Rosenbrock : ILandscape
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T>
    {
        T a = T.Of(1) - x;
        T b = y - x * x;
        return a * a + T.Of(100) * b * b;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T>
    {
        T b = y - x * x;
        gradientX = T.Of(-2) * (T.Of(1) - x) - T.Of(400) * x * b;
        gradientY = T.Of(200) * b;
    }
}
