using System.Runtime.CompilerServices;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// exp, log, sin, cos, tanh, sin 2πx and cos 2πx written once over <see cref="IBinaryReal{TSelf}"/>: range reduction and a
/// polynomial (those of a precision, <see cref="Float32Precision"/> or <see cref="Float64Precision"/>) from additions, multiplications,
/// multiply-adds, comparisons as selections and exact exponent manipulation only. A kernel's one-lane type and the CPU's
/// 256- and 512-bit lane types therefore give the same bits for the same argument, on every device that rounds its
/// multiply-adds once (see <see cref="IReal{TSelf}.MultiplyAdd"/>).
/// </summary>
/// <remarks>
/// Accuracy, measured against float64 (float32) and against exact arithmetic (float64) over the whole range in the
/// tests: a few units in the last place; special values as IEEE prescribes (NaN stays NaN, exp(−∞) = 0,
/// exp(+∞) = +∞, log(0) = −∞, log of a negative number NaN, sin and cos of ±∞ NaN, tanh(±∞) = ±1).
/// </remarks>
public static class ElementaryFunctions
{
    /// <summary>eˣ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp<T, TPrecision>(T x) where T : struct, IBinaryReal<T> where TPrecision : struct, IElementaryPrecision
    {
        // Beyond these bounds eˣ is 0 or +∞ in this precision anyway; clamping keeps 2ⁿ representable below.
        T clamped = AtLeast(AtMost(x, T.Of(TPrecision.ExpOverflowBound)), T.Of(TPrecision.ExpUnderflowBound));
        T whole = T.RoundToWhole(clamped * T.Of(TPrecision.Log2E));
        T reduced = T.MultiplyAdd(-whole, T.Of(TPrecision.Ln2High), clamped);
        reduced = T.MultiplyAdd(-whole, T.Of(TPrecision.Ln2Low), reduced);
        T expOfReduced = T.Of(1) + TPrecision.ExpM1Polynomial(reduced);

        // 2ⁿ in two exact factors: n itself reaches past the normal exponent range where the result is subnormal or
        // overflows, its halves never do; the last multiplication rounds once, as a subnormal result must.
        T half = T.RoundToWhole(whole * T.Of(0.5));
        return expOfReduced * T.PowerOfTwo(half) * T.PowerOfTwo(whole - half);
    }

    /// <summary>ln x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Log<T, TPrecision>(T x) where T : struct, IBinaryReal<T> where TPrecision : struct, IElementaryPrecision
    {
        // Subnormal arguments are scaled into the normal range first, their exponent corrected after.
        T smallestNormal = T.Of(TPrecision.SmallestNormal);
        T normal = T.IfLess(x, smallestNormal, x * T.Of(TPrecision.SubnormalScale), x);
        T exponent = T.ExponentOf(normal) + T.IfLess(x, smallestNormal, T.Of(-TPrecision.SubnormalScaleExponent), T.Of(0));
        T significand = T.SignificandOf(normal);

        // Significand in [√½, √2): ln m = 2 atanh(s), s = (m − 1)/(m + 1), |s| ≤ 0.172; m − 1 is exact.
        T above = T.IfLess(T.Of(Sqrt2), significand, T.Of(1), T.Of(0));
        significand = T.IfLess(T.Of(Sqrt2), significand, significand * T.Of(0.5), significand);
        exponent += above;
        T f = significand - T.Of(1);
        T s = f / (f + T.Of(2));
        T z = s * s;
        T logOfSignificand = T.MultiplyAdd(s * z, TPrecision.LogPolynomial(z), s + s);
        T result = T.MultiplyAdd(exponent, T.Of(TPrecision.Ln2High), T.MultiplyAdd(exponent, T.Of(TPrecision.Ln2Low), logOfSignificand));

        // +∞ and NaN pass through; 0 (either sign) gives −∞, a negative number NaN.
        result = T.IfLess(x, T.Of(double.PositiveInfinity), result, x);
        return T.IfLess(x, T.Of(0), T.Of(double.NaN), T.IfLess(x, T.Of(TPrecision.SmallestSubnormal), T.Of(double.NegativeInfinity), result));
    }

    /// <summary>sin x (radians).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sin<T, TPrecision>(T x) where T : struct, IBinaryReal<T> where TPrecision : struct, IElementaryPrecision
    {
        T quadrant = Reduce<T, TPrecision>(x, out T reduced);
        T z = reduced * reduced;
        T sine = T.MultiplyAdd(reduced * z, TPrecision.SinPolynomial(z), reduced);
        T cosine = T.MultiplyAdd(z, TPrecision.CosPolynomial(z), T.Of(1));

        // x = r + qπ/2, q in −2..2: sin x is sin r, cos r, −sin r, −cos r for q ≡ 0, 1, 2, 3 (mod 4).
        T magnitude = T.IfLess(T.Abs(T.Abs(quadrant) - T.Of(1)), T.Of(0.5), cosine, sine);
        T result = T.IfLess(quadrant, T.Of(-0.5), -magnitude, T.IfLess(T.Of(1.5), quadrant, -magnitude, magnitude));

        // sin x = x to the last bit below the normal range, ±0 included (the polynomial would turn −0 into +0).
        return T.IfLess(T.Abs(x), T.Of(TPrecision.SmallestNormal), x, result);
    }

    /// <summary>cos x (radians).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Cos<T, TPrecision>(T x) where T : struct, IBinaryReal<T> where TPrecision : struct, IElementaryPrecision
    {
        T quadrant = Reduce<T, TPrecision>(x, out T reduced);
        T z = reduced * reduced;
        T sine = T.MultiplyAdd(reduced * z, TPrecision.SinPolynomial(z), reduced);
        T cosine = T.MultiplyAdd(z, TPrecision.CosPolynomial(z), T.Of(1));

        // cos x is cos r, −sin r, −cos r, sin r for q ≡ 0, 1, 2, 3 (mod 4).
        T magnitude = T.IfLess(T.Abs(T.Abs(quadrant) - T.Of(1)), T.Of(0.5), sine, cosine);
        return T.IfLess(T.Of(0.5), quadrant, -magnitude, T.IfLess(quadrant, T.Of(-1.5), -magnitude, magnitude));
    }

    /// <summary>
    /// sin 2πx, exact in its reduction for every x (no rounding of 2πx): rastrigin's and ackley's waves. +0 at every
    /// whole x, −0 included (the reduction's x − round(x) is +0 there).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SinTwoPi<T, TPrecision>(T x) where T : struct, IBinaryReal<T> where TPrecision : struct, IElementaryPrecision =>
        SinTwoPiReduced<T, TPrecision>(x - T.RoundToWhole(x));

    /// <summary>cos 2πx, exact in its reduction for every x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CosTwoPi<T, TPrecision>(T x) where T : struct, IBinaryReal<T> where TPrecision : struct, IElementaryPrecision
    {
        // cos 2πr = sin 2π(1/4 − |r|), whose argument is exact for |r| ≥ 1/8, where cos's zeros are; below, its
        // rounding moves the result by less than an ulp (cos is flat there).
        T reduced = x - T.RoundToWhole(x);
        return SinTwoPiReduced<T, TPrecision>(T.Of(0.25) - T.Abs(reduced));
    }

    // sin 2πr for |r| ≤ 1/2: the factors r and 1/4 − r² carry sin's zeros at 0 and ±1/2, so the result is accurate
    // relative to itself next to every zero; 1/4 − r² is one multiply-add, rounded once from its exact value. r
    // last keeps a subnormal r's bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T SinTwoPiReduced<T, TPrecision>(T reduced) where T : struct, IBinaryReal<T> where TPrecision : struct, IElementaryPrecision
    {
        T zeros = T.MultiplyAdd(-reduced, reduced, T.Of(0.25));
        return reduced * (zeros * TPrecision.SinTwoPiPolynomial(reduced * reduced));
    }

    /// <summary>tanh x from exp's reduction: the float64 types' tanh (float32 types take <see cref="RationalTanh{T, TPrecision}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Tanh<T, TPrecision>(T x) where T : struct, IBinaryReal<T> where TPrecision : struct, IElementaryPrecision
    {
        // tanh |x| = e/(e + 2), e = e^(2|x|) − 1 = 2ⁿ(1 + q) − 1 = 2ⁿq + (2ⁿ − 1) with q = e^r − 1 from Exp's reduction:
        // accurate near 0 (n = 0, e = q ≈ 2|x|) and exactly 1 once e is large, with one polynomial and one division.
        // |x| is capped where tanh already rounds to 1, which keeps 2ⁿ small and e finite.
        T magnitude = AtMost(T.Abs(x), T.Of(TPrecision.TanhSaturation));
        T twice = magnitude + magnitude;
        T whole = T.RoundToWhole(twice * T.Of(TPrecision.Log2E));
        T reduced = T.MultiplyAdd(-whole, T.Of(TPrecision.Ln2High), twice);
        reduced = T.MultiplyAdd(-whole, T.Of(TPrecision.Ln2Low), reduced);
        T scale = T.PowerOfTwo(whole);
        T e = T.MultiplyAdd(scale, TPrecision.ExpM1Polynomial(reduced), scale - T.Of(1));
        return T.CopySign(e / (e + T.Of(2)), x);
    }

    /// <summary>
    /// tanh x as x·P(x²)/Q(x²), |x| clamped: one division and the two polynomials' multiply-adds, about half the
    /// instructions of <see cref="Tanh{T, TPrecision}"/> and a far shorter dependent chain.
    /// </summary>
    /// <remarks>
    /// The coefficients are fitted by tools/fit-tanh.py. P(0) = Q(0) = 1, so x below about 2⁻¹³ (subnormals and ±0
    /// included) comes back unchanged, as its tanh rounds to; the value at the clamp rounds to exactly 1, so
    /// tanh(±∞) = ±1; NaN passes the clamp and stays NaN.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T RationalTanh<T, TPrecision>(T x) where T : struct, IBinaryReal<T> where TPrecision : struct, IRationalTanhPrecision
    {
        T magnitude = AtMost(T.Abs(x), T.Of(TPrecision.TanhClamp));
        T z = magnitude * magnitude;
        return T.CopySign(magnitude * TPrecision.TanhNumerator(z) / TPrecision.TanhDenominator(z), x);
    }

    private const double Sqrt2 = 1.4142135623730951;
    private const double QuarterPi = 0.7853981633974483;

    // x reduced to r = x − qπ/2, |r| ≤ π/4 (a little more where q·2/π rounds), q whole; returns q mod 4 as a whole
    // number in −2..2. Below the precision's threshold: Cody and Waite's three-part π/2 with exact multiply-adds
    // (x − q·C1 is exact; the later parts stay far below r's last place). Lanes above it take ReduceLarge, computed
    // only when some lane needs it; each lane's result depends on its own argument alone.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Reduce<T, TPrecision>(T x, out T reduced) where T : struct, IBinaryReal<T> where TPrecision : struct, IElementaryPrecision
    {
        T whole = T.RoundToWhole(x * T.Of(TPrecision.TwoOverPi));
        reduced = T.MultiplyAdd(-whole, T.Of(TPrecision.HalfPi1), x);
        reduced = T.MultiplyAdd(-whole, T.Of(TPrecision.HalfPi2), reduced);
        reduced = T.MultiplyAdd(-whole, T.Of(TPrecision.HalfPi3), reduced);

        // q is 0 below π/4, where r is x itself: this keeps the sign of −0.
        reduced = T.IfLess(T.Abs(x), T.Of(QuarterPi), x, reduced);
        T quadrant = whole - T.Of(4) * T.RoundToWhole(whole * T.Of(0.25));
        T threshold = T.Of(TPrecision.LargeReductionThreshold);
        if (T.AllLess(T.Abs(x), threshold))
        {
            return quadrant;
        }

        T largeQuadrant = ReduceLarge<T, TPrecision>(x, out T largeReduced);
        reduced = T.IfLess(T.Abs(x), threshold, reduced, largeReduced);
        return T.IfLess(T.Abs(x), threshold, quadrant, largeQuadrant);
    }

    // Payne and Hanek's reduction for any finite x: x·2/π mod 4 from the products of x's two halves (Veltkamp's split)
    // with pieces of 2/π short enough that every product is exact; each product is reduced mod 4 exactly and the
    // residues summed with their rounding errors (Knuth's two-sum). Products of whole multiples of 4 vanish, so the
    // pieces that matter are those near x's own exponent, whatever it is.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T ReduceLarge<T, TPrecision>(T x, out T reduced) where T : struct, IBinaryReal<T> where TPrecision : struct, IElementaryPrecision
    {
        // The pieces are stored scaled up by a power of two so that none is subnormal; x is scaled down to match.
        T scaled = x * T.Of(TPrecision.TwoOverPiPieceUnscale);
        T split = scaled * T.Of(TPrecision.SplitFactor);
        T high = split - (split - scaled);
        T low = scaled - high;
        T sum = T.Of(0), error = T.Of(0);
        for (int i = 0; i < TPrecision.TwoOverPiPieceCount; i++)
        {
            T piece = T.Of(TPrecision.TwoOverPiPiece(i));
            AddModulo4<T, TPrecision>(high * piece, ref sum, ref error);
            AddModulo4<T, TPrecision>(low * piece, ref sum, ref error);
        }

        T whole = T.RoundToWhole(sum);
        T fraction = sum - whole;
        T total = fraction + error;
        T lowPart = TwoSumError(fraction, error, total);
        T carry = T.RoundToWhole(total);
        total -= carry;
        whole += carry;

        // r = (total + lowPart)·π/2 with the product's rounding error kept.
        T product = total * T.Of(TPrecision.HalfPi1);
        T productError = T.MultiplyAdd(total, T.Of(TPrecision.HalfPi1), -product);
        reduced = product + (productError + T.MultiplyAdd(total, T.Of(TPrecision.HalfPi2), lowPart * T.Of(TPrecision.HalfPi1)));
        return whole - T.Of(4) * T.RoundToWhole(whole * T.Of(0.25));
    }

    // sum + error += product mod 4, the residue exact (a whole multiple of 4 is subtracted from an exact product).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddModulo4<T, TPrecision>(T product, ref T sum, ref T error) where T : struct, IBinaryReal<T> where TPrecision : struct, IElementaryPrecision
    {
        T residue = product - T.Of(4) * T.RoundToWhole(product * T.Of(0.25));
        T total = sum + residue;
        error += TwoSumError(sum, residue, total);
        sum = total;
    }

    // The rounding error of total = a + b, exactly (Knuth).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T TwoSumError<T>(T a, T b, T total) where T : struct, IReal<T>
    {
        T bPart = total - a;
        return (a - (total - bPart)) + (b - bPart);
    }

    /// <summary>
    /// The whole number nearest x (ties to even), by adding and subtracting 2^(p−1) with x's sign, p the significand's
    /// bits: the sum has no fraction bits left. Values this large are whole already; NaN stays NaN. For the one-lane
    /// types (<see cref="IBinaryReal{TSelf}.RoundToWhole"/>), which run in kernels; a zero result may be +0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T RoundToWholeBySum<T, TPrecision>(T x) where T : struct, IBinaryReal<T> where TPrecision : struct, IElementaryPrecision
    {
        T shift = T.CopySign(T.Of(TPrecision.WholeNumberThreshold), x);
        return T.IfLess(T.Abs(x), T.Of(TPrecision.WholeNumberThreshold), (x + shift) - shift, x);
    }

    // min and max that keep a NaN argument (IfLess chooses its otherwise-value when a side is NaN).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T AtMost<T>(T x, T bound) where T : struct, IReal<T> => T.IfLess(bound, x, bound, x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T AtLeast<T>(T x, T bound) where T : struct, IReal<T> => T.IfLess(x, bound, bound, x);
}
