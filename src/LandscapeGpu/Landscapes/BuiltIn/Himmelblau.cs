using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.BuiltIn;

/// <summary>Himmelblau's function: four global minima, one maximum, four saddles.</summary>
public readonly struct Himmelblau : ILandscape
{
    /// <inheritdoc/>
    public T Loss<T>(T x, T y) where T : struct, IReal<T>
    {
        T a = x * x + y - T.Of(11);
        T b = x + y * y - T.Of(7);
        return a * a + b * b;
    }

    /// <inheritdoc/>
    public void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T>
    {
        T a = x * x + y - T.Of(11);
        T b = x + y * y - T.Of(7);
        gradientX = T.Of(4) * x * a + T.Of(2) * b;
        gradientY = T.Of(2) * a + T.Of(4) * y * b;
    }
}
