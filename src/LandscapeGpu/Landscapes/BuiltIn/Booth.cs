using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.BuiltIn;

/// <summary>Booth's function: a tilted quadratic bowl with its minimum at (1, 3).</summary>
public readonly struct Booth : ILandscape
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T>
    {
        T a = x + T.Of(2) * y - T.Of(7);
        T b = T.Of(2) * x + y - T.Of(5);
        return a * a + b * b;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T>
    {
        T a = x + T.Of(2) * y - T.Of(7);
        T b = T.Of(2) * x + y - T.Of(5);
        gradientX = T.Of(2) * a + T.Of(4) * b;
        gradientY = T.Of(4) * a + T.Of(2) * b;
    }
}
