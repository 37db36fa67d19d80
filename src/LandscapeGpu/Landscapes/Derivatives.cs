using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes;

/// <summary>Exact derivatives of any <see cref="ILandscape"/> by forward-mode automatic differentiation of its loss.</summary>
public static class Derivatives
{
    /// <summary>The gradient of <paramref name="landscape"/>'s loss at (x, y), from one pass over <see cref="Dual{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Gradient<TLandscape, T>(in TLandscape landscape, T x, T y, out T gradientX, out T gradientY)
        where TLandscape : struct, ILandscape
        where T : struct, IReal<T>
    {
        Dual<T> loss = landscape.Loss(Dual<T>.VariableX(x), Dual<T>.VariableY(y));
        gradientX = loss.Dx;
        gradientY = loss.Dy;
    }

    /// <summary>Loss, gradient and Hessian of <paramref name="landscape"/> at (x, y), from one pass over <see cref="HyperDual{T}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static HyperDual<T> SecondOrder<TLandscape, T>(in TLandscape landscape, T x, T y)
        where TLandscape : struct, ILandscape
        where T : struct, IReal<T> =>
        landscape.Loss(HyperDual<T>.VariableX(x), HyperDual<T>.VariableY(y));
}
