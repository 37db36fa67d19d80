namespace LandscapeGpu.Arithmetic;

/// <summary>
/// A precision whose tanh is the short rational <see cref="ElementaryFunctions.RationalTanh{T, TPrecision}"/>,
/// x·P(x²)/Q(x²), rather than e/(e + 2) from exp's reduction (<see cref="ElementaryFunctions.Tanh{T, TPrecision}"/>):
/// <see cref="Float32Precision"/>, where a rational of degree 9 over 8 is accurate to a few units in the last place.
/// </summary>
public interface IRationalTanhPrecision : IElementaryPrecision
{
    /// <summary>
    /// The magnitude |x| is clamped to: tanh rounds to ±1 beyond it, and the rational's value there rounds to exactly 1.
    /// </summary>
    static abstract double TanhClamp { get; }

    /// <summary>P(z), z = x², with P(0) = 1.</summary>
    static abstract T TanhNumerator<T>(T z) where T : struct, IReal<T>;

    /// <summary>Q(z), z = x², with Q(0) = 1.</summary>
    static abstract T TanhDenominator<T>(T z) where T : struct, IReal<T>;
}
