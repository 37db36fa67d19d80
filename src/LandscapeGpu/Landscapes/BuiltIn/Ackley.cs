using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.BuiltIn;

/// <summary>
/// Ackley's function (a = 20, b = 0.2, c = 2π): a dense lattice of local minima on a funnel whose tip, the
/// global minimum at the origin, is a cone point where the gradient does not vanish.
/// </summary>
public readonly struct Ackley : ILandscape
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Loss<T>(T x, T y) where T : struct, IReal<T>
    {
        T radius = T.Sqrt(T.Of(0.5) * (x * x + y * y));
        T waves = T.Of(0.5) * (T.CosTwoPi(x) + T.CosTwoPi(y));
        return T.Of(-20) * T.Exp(T.Of(-0.2) * radius) - T.Exp(waves) + T.Of(20 + Math.E);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T>
    {
        T radius = T.Sqrt(T.Of(0.5) * (x * x + y * y));
        // At the cone point the subgradient 0 is the honest answer; elsewhere d(radius)/dx = x / (2 radius).
        T funnel = T.IfLess(radius, T.Of(1e-30), T.Of(0), T.Of(2) * T.Exp(T.Of(-0.2) * radius) / radius);
        T waves = T.Of(Math.PI) * T.Exp(T.Of(0.5) * (T.CosTwoPi(x) + T.CosTwoPi(y)));
        gradientX = funnel * x + waves * T.SinTwoPi(x);
        gradientY = funnel * y + waves * T.SinTwoPi(y);
    }
}
