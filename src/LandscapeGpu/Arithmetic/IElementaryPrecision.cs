namespace LandscapeGpu.Arithmetic;

/// <summary>
/// The constants and polynomials of one floating-point precision for <see cref="ElementaryFunctions"/>:
/// <see cref="Float32Precision"/> or <see cref="Float64Precision"/>. Every constant is exactly representable in that
/// precision, so <see cref="IReal{TSelf}.Of"/> never rounds it.
/// </summary>
public interface IElementaryPrecision
{
    /// <summary>2^(p−1), p the significand's bits: every value at least this large is a whole number.</summary>
    static abstract double WholeNumberThreshold { get; }

    /// <summary>An argument above which eˣ overflows to +∞.</summary>
    static abstract double ExpOverflowBound { get; }

    /// <summary>An argument below which eˣ rounds to 0.</summary>
    static abstract double ExpUnderflowBound { get; }

    /// <summary>log₂ e, rounded.</summary>
    static abstract double Log2E { get; }

    /// <summary>ln 2 rounded to this precision.</summary>
    static abstract double Ln2High { get; }

    /// <summary>ln 2 − <see cref="Ln2High"/>, rounded.</summary>
    static abstract double Ln2Low { get; }

    /// <summary>2/π, rounded.</summary>
    static abstract double TwoOverPi { get; }

    /// <summary>π/2 rounded to this precision.</summary>
    static abstract double HalfPi1 { get; }

    /// <summary>π/2 − <see cref="HalfPi1"/>, rounded.</summary>
    static abstract double HalfPi2 { get; }

    /// <summary>π/2 − <see cref="HalfPi1"/> − <see cref="HalfPi2"/>, rounded.</summary>
    static abstract double HalfPi3 { get; }

    /// <summary>|x| from which sin and cos reduce x by Payne and Hanek's method instead of Cody and Waite's.</summary>
    static abstract double LargeReductionThreshold { get; }

    /// <summary>How many pieces <see cref="TwoOverPiPiece"/> holds.</summary>
    static abstract int TwoOverPiPieceCount { get; }

    /// <summary>
    /// Piece <paramref name="index"/> of 2/π, times 1/<see cref="TwoOverPiPieceUnscale"/>: consecutive runs of bits short
    /// enough (half the significand) that its product with half a significand is exact; together they are 2/π to beyond
    /// the largest finite value's last bit.
    /// </summary>
    static abstract double TwoOverPiPiece(int index);

    /// <summary>The power of two the pieces of 2/π were scaled up by, inverted.</summary>
    static abstract double TwoOverPiPieceUnscale { get; }

    /// <summary>2^h + 1, h half the significand's bits (rounded up): Veltkamp's factor splitting a value into halves.</summary>
    static abstract double SplitFactor { get; }

    /// <summary>The smallest positive normal value.</summary>
    static abstract double SmallestNormal { get; }

    /// <summary>The smallest positive (subnormal) value.</summary>
    static abstract double SmallestSubnormal { get; }

    /// <summary>A power of two that scales every subnormal value into the normal range.</summary>
    static abstract double SubnormalScale { get; }

    /// <summary>log₂ of <see cref="SubnormalScale"/>.</summary>
    static abstract double SubnormalScaleExponent { get; }

    /// <summary>A magnitude beyond which tanh rounds to ±1.</summary>
    static abstract double TanhSaturation { get; }

    /// <summary>eʳ − 1 for |r| ≤ ln 2 / 2.</summary>
    static abstract T ExpM1Polynomial<T>(T r) where T : struct, IReal<T>;

    /// <summary>P(z), z = s², with ln((1 + s)/(1 − s)) = 2s + s·z·P(z) for |s| ≤ 0.172.</summary>
    static abstract T LogPolynomial<T>(T z) where T : struct, IReal<T>;

    /// <summary>P(z), z = r², with sin r = r + r·z·P(z) for |r| ≤ π/4 (and a little beyond).</summary>
    static abstract T SinPolynomial<T>(T z) where T : struct, IReal<T>;

    /// <summary>P(z), z = r², with cos r = 1 + z·P(z) for |r| ≤ π/4 (and a little beyond).</summary>
    static abstract T CosPolynomial<T>(T z) where T : struct, IReal<T>;

    /// <summary>S(z), z = r², with sin 2πr = r(1/4 − r²)·S(z) for |r| ≤ 1/2.</summary>
    static abstract T SinTwoPiPolynomial<T>(T z) where T : struct, IReal<T>;
}
