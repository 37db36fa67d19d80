using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes;

/// <summary>
/// A cost surface f(x, y). Implemented by small structs so that an ILGPU kernel or the SIMD CPU engine is
/// specialized per landscape at no run-time cost. A 1-D landscape ignores y and returns a zero y-gradient.
/// </summary>
public interface ILandscape
{
    /// <summary>The loss f(x, y).</summary>
    T Loss<T>(T x, T y) where T : struct, IReal<T>;

    /// <summary>The exact gradient (∂f/∂x, ∂f/∂y): hand-written, or <see cref="Derivatives.Gradient"/> of <see cref="Loss"/>.</summary>
    void Gradient<T>(T x, T y, out T gradientX, out T gradientY) where T : struct, IReal<T>;
}
