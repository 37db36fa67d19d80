namespace LandscapeGpu.Arithmetic;

/// <summary>
/// A number type whose lanes are IEEE binary floating-point values that can be taken apart: what
/// <see cref="ElementaryFunctions"/> needs beyond <see cref="IReal{TSelf}"/> to compute
/// exp, log, sin, cos and tanh from additions, multiplications and comparisons alone, so that every implementation
/// (one lane in a kernel, 8 or 16 lanes on the CPU) gives the same bits.
/// </summary>
/// <remarks>
/// Every member is exact: none rounds, so implementations agree bit for bit whenever their arguments do.
/// </remarks>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IBinaryReal<TSelf> : IReal<TSelf> where TSelf : struct, IBinaryReal<TSelf>
{
    /// <summary>
    /// 2ⁿ for lanes holding a whole number n in the normal exponent range (−126 to 127 for float32, −1022 to 1023
    /// for float64); other lanes give an unspecified value.
    /// </summary>
    static abstract TSelf PowerOfTwo(TSelf wholeNumber);

    /// <summary>The unbiased exponent e of a positive normal value x = m·2ᵉ, 1 ≤ m &lt; 2, as a whole number.</summary>
    static abstract TSelf ExponentOf(TSelf value);

    /// <summary>The significand m of a positive normal value x = m·2ᵉ, 1 ≤ m &lt; 2.</summary>
    static abstract TSelf SignificandOf(TSelf value);

    /// <summary>
    /// The whole number nearest <paramref name="value"/>, ties to even, with its sign (−0.3 gives −0); whole values,
    /// ±∞ and NaN unchanged. One instruction on the CPU's lanes (round to nearest even).
    /// </summary>
    static abstract TSelf RoundToWhole(TSelf value);

    /// <summary>The magnitude of <paramref name="magnitude"/> with the sign bit of <paramref name="sign"/> (−0 included).</summary>
    static abstract TSelf CopySign(TSelf magnitude, TSelf sign);
}
