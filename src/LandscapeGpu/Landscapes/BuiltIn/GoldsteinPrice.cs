using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.BuiltIn;

/// <summary>The Goldstein–Price function: a global minimum 3 at (0, −1) and three local minima, values up to 10⁶ in the box.</summary>
public readonly struct GoldsteinPrice : ILandscape
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T>
    {
        T s = x + y + T.Of(1);
        T d = T.Of(2) * x - T.Of(3) * y;
        T first = T.Of(1) + s * s * (T.Of(19) - T.Of(14) * x + T.Of(3) * x * x - T.Of(14) * y + T.Of(6) * x * y + T.Of(3) * y * y);
        T second = T.Of(30) + d * d * (T.Of(18) - T.Of(32) * x + T.Of(12) * x * x + T.Of(48) * y - T.Of(36) * x * y + T.Of(27) * y * y);
        return first * second;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T> =>
        Derivatives.Gradient(this, x, y, out gradientX, out gradientY);
}
