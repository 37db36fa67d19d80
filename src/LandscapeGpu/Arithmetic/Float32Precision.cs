using System.Runtime.CompilerServices;

namespace LandscapeGpu.Arithmetic;

/// <summary>The float32 constants and polynomials of <see cref="ElementaryFunctions"/>.</summary>
/// <remarks>
/// exp, log, sin and cos: Taylor coefficients rounded to float32, the first omitted term below 2⁻²⁷ of the result on
/// the reduced range. tanh: a rational fitted by tools/fit-tanh.py (see <see cref="TanhNumerator"/>).
/// </remarks>
public readonly struct Float32Precision : IRationalTanhPrecision
{
    /// <inheritdoc/>
    public static double WholeNumberThreshold => 8388608.0;

    /// <inheritdoc/>
    public static double ExpOverflowBound => 89.0;

    /// <inheritdoc/>
    public static double ExpUnderflowBound => -104.0;

    /// <inheritdoc/>
    public static double Log2E => 1.4426950216293335;

    /// <inheritdoc/>
    public static double Ln2High => 0.6931471824645996;

    /// <inheritdoc/>
    public static double Ln2Low => -1.9046542121259336e-09;

    /// <inheritdoc/>
    public static double TwoOverPi => 0.6366197466850281;

    /// <inheritdoc/>
    public static double HalfPi1 => 1.5707963705062866;

    /// <inheritdoc/>
    public static double HalfPi2 => -4.371138828673793e-08;

    /// <inheritdoc/>
    public static double HalfPi3 => -1.7151245100058819e-15;

    /// <inheritdoc/>
    public static double LargeReductionThreshold => 131072.0;

    /// <inheritdoc/>
    public static int TwoOverPiPieceCount => 16;

    // 2/π in runs of 12 bits, each times 2⁶⁴; a switch rather than a table, which kernels cannot hold.
    /// <inheritdoc/>
    public static double TwoOverPiPiece(int index) => index switch
    {
        0 => 1.1740884228554883e+19,
        1 => 2677310813634560.0,
        2 => 473520144384.0,
        3 => 239337472.0,
        4 => 5408.0,
        5 => 9.984375,
        6 => 0.0005998611450195312,
        7 => 4.6589411795139313e-07,
        8 => 2.2299673219094984e-10,
        9 => 1.7277845820729e-14,
        10 => 1.0452386569118066e-17,
        11 => 2.4104043049795226e-21,
        12 => 4.832625014256336e-25,
        13 => 1.165541987464045e-28,
        14 => 1.3012064186766262e-32,
        15 => 1.910178320086217e-37,
        _ => 0.0,
    };

    /// <inheritdoc/>
    public static double TwoOverPiPieceUnscale => 5.421010862427522e-20;

    /// <inheritdoc/>
    public static double SplitFactor => 4097.0;

    /// <inheritdoc/>
    public static double SmallestNormal => 1.1754943508222875e-38;

    /// <inheritdoc/>
    public static double SmallestSubnormal => 1.401298464324817e-45;

    /// <inheritdoc/>
    public static double SubnormalScale => 16777216.0;

    /// <inheritdoc/>
    public static double SubnormalScaleExponent => 24.0;

    /// <inheritdoc/>
    /// <remarks>Used only by <see cref="ElementaryFunctions.Tanh{T, TPrecision}"/>; the float32 types take <see cref="ElementaryFunctions.RationalTanh{T, TPrecision}"/>.</remarks>
    public static double TanhSaturation => 10.0;

    /// <inheritdoc/>
    public static double TanhClamp => 9.125;

    // tanh x = x·P(x²)/Q(x²) on [0, 9.125], fitted by tools/fit-tanh.py: 2.4e-8 largest relative error in real numbers;
    // evaluated in float32 as below, 5.4 units in the last place at worst over every float32 argument.
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T TanhNumerator<T>(T z) where T : struct, IReal<T>
    {
        T p = T.Of(1.3198684811754902e-08);
        p = T.MultiplyAdd(p, z, T.Of(2.0502162442426197e-05));
        p = T.MultiplyAdd(p, z, T.Of(0.003489349503070116));
        p = T.MultiplyAdd(p, z, T.Of(0.13375866413116455));
        return T.MultiplyAdd(p, z, T.Of(1));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T TanhDenominator<T>(T z) where T : struct, IReal<T>
    {
        T q = T.Of(7.714366461186728e-07);
        q = T.MultiplyAdd(q, z, T.Of(0.0003275246999692172));
        q = T.MultiplyAdd(q, z, T.Of(0.025853531435132027));
        q = T.MultiplyAdd(q, z, T.Of(0.4670918583869934));
        return T.MultiplyAdd(q, z, T.Of(1));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ExpM1Polynomial<T>(T r) where T : struct, IReal<T>
    {
        // r + r²(1/2! + r/3! + … + r^5/7!)
        T p = T.Of(0.0001984126984126984);
        p = T.MultiplyAdd(p, r, T.Of(0.001388888888888889));
        p = T.MultiplyAdd(p, r, T.Of(0.008333333333333333));
        p = T.MultiplyAdd(p, r, T.Of(0.041666666666666664));
        p = T.MultiplyAdd(p, r, T.Of(0.16666666666666666));
        p = T.MultiplyAdd(p, r, T.Of(0.5));
        return T.MultiplyAdd(r * r, p, r);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LogPolynomial<T>(T z) where T : struct, IReal<T>
    {
        // 2/3 + 2z/5 + … + 2z^3/9
        T p = T.Of(0.2222222222222222);
        p = T.MultiplyAdd(p, z, T.Of(0.2857142857142857));
        p = T.MultiplyAdd(p, z, T.Of(0.4));
        p = T.MultiplyAdd(p, z, T.Of(0.6666666666666666));
        return p;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SinPolynomial<T>(T z) where T : struct, IReal<T>
    {
        // −1/3! + z/5! − … ± z^3/9!
        T p = T.Of(2.7557319223985893e-06);
        p = T.MultiplyAdd(p, z, T.Of(-0.0001984126984126984));
        p = T.MultiplyAdd(p, z, T.Of(0.008333333333333333));
        p = T.MultiplyAdd(p, z, T.Of(-0.16666666666666666));
        return p;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CosPolynomial<T>(T z) where T : struct, IReal<T>
    {
        // −1/2! + z/4! − … ± z^4/10!
        T p = T.Of(-2.755731922398589e-07);
        p = T.MultiplyAdd(p, z, T.Of(2.48015873015873e-05));
        p = T.MultiplyAdd(p, z, T.Of(-0.001388888888888889));
        p = T.MultiplyAdd(p, z, T.Of(0.041666666666666664));
        p = T.MultiplyAdd(p, z, T.Of(-0.5));
        return p;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SinTwoPiPolynomial<T>(T z) where T : struct, IReal<T>
    {
        // sin 2πr / (r(1/4 − r²)), degree 6 in z (relative error 2.78e-8): tools/fit-two-pi-polynomials.py
        T p = T.Of(0.6094242334365845);
        p = T.MultiplyAdd(p, z, T.Of(-3.6186702251434326));
        p = T.MultiplyAdd(p, z, T.Of(14.178214073181152));
        p = T.MultiplyAdd(p, z, T.Of(-38.512542724609375));
        p = T.MultiplyAdd(p, z, T.Of(67.07760620117188));
        p = T.MultiplyAdd(p, z, T.Of(-64.83584594726562));
        p = T.MultiplyAdd(p, z, T.Of(25.132741928100586));
        return p;
    }
}
