using System.Runtime.CompilerServices;

namespace LandscapeGpu.Arithmetic;

/// <summary>The float64 constants and polynomials of <see cref="ElementaryFunctions"/>.</summary>
/// <remarks>Taylor coefficients: the first omitted term stays below 2⁻⁵⁶ of the result on the reduced range.</remarks>
public readonly struct Float64Precision : IElementaryPrecision
{
    /// <inheritdoc/>
    public static double WholeNumberThreshold => 4503599627370496.0;

    /// <inheritdoc/>
    public static double ExpOverflowBound => 710.0;

    /// <inheritdoc/>
    public static double ExpUnderflowBound => -746.0;

    /// <inheritdoc/>
    public static double Log2E => 1.4426950408889634;

    /// <inheritdoc/>
    public static double Ln2High => 0.6931471805599453;

    /// <inheritdoc/>
    public static double Ln2Low => 2.3190468138462996e-17;

    /// <inheritdoc/>
    public static double TwoOverPi => 0.6366197723675814;

    /// <inheritdoc/>
    public static double HalfPi1 => 1.5707963267948966;

    /// <inheritdoc/>
    public static double HalfPi2 => 6.123233995736766e-17;

    /// <inheritdoc/>
    public static double HalfPi3 => -1.4973849048591698e-33;

    /// <inheritdoc/>
    public static double LargeReductionThreshold => 1073741824.0;

    /// <inheritdoc/>
    public static int TwoOverPiPieceCount => 43;

    // 2/π in runs of 26 bits, each times 2¹²⁸; a switch rather than a table, which kernels cannot hold.
    /// <inheritdoc/>
    public static double TwoOverPiPiece(int index) => index switch
    {
        0 => 2.1663047930119202e+38,
        1 => 3.668717588935822e+30,
        2 => 2.4386317568167037e+22,
        3 => 940984200331264.0,
        4 => 3464640.75,
        5 => 0.10697302594780922,
        6 => 2.1502855052091263e-09,
        7 => 3.577510654358154e-18,
        8 => 3.220555460443891e-25,
        9 => 1.1511480077397355e-32,
        10 => 8.198966113978385e-41,
        11 => 1.5456704844058607e-48,
        12 => 3.568917007170368e-56,
        13 => 4.454770804391747e-64,
        14 => 8.890156922898436e-73,
        15 => 7.141263749586005e-80,
        16 => 1.3915332396755503e-87,
        17 => 2.9451600335429376e-95,
        18 => 1.6625064481004574e-103,
        19 => 5.43497478501097e-111,
        20 => 6.058208726851716e-119,
        21 => 1.2088974384950926e-126,
        22 => 1.685217600074639e-135,
        23 => 1.824339712344367e-142,
        24 => 1.1065650258154108e-150,
        25 => 4.976959797072749e-159,
        26 => 9.478518071523565e-166,
        27 => 1.2634463500552199e-173,
        28 => 2.4086703915342898e-181,
        29 => 1.3501401110271589e-189,
        30 => 5.0395737208195054e-197,
        31 => 4.068065878051005e-205,
        32 => 5.0689372323598444e-213,
        33 => 4.19268058741516e-221,
        34 => 1.6021131371562055e-228,
        35 => 2.2090926567458156e-236,
        36 => 2.194870749206636e-244,
        37 => 7.250189271625802e-252,
        38 => 6.4400602336091714e-260,
        39 => 7.178540865192784e-268,
        40 => 6.540101127670063e-276,
        41 => 1.2490704492190398e-283,
        42 => 4.80276052874058e-291,
        _ => 0.0,
    };

    /// <inheritdoc/>
    public static double TwoOverPiPieceUnscale => 2.938735877055719e-39;

    /// <inheritdoc/>
    public static double SplitFactor => 134217729.0;

    /// <inheritdoc/>
    public static double SmallestNormal => 2.2250738585072014e-308;

    /// <inheritdoc/>
    public static double SmallestSubnormal => 5e-324;

    /// <inheritdoc/>
    public static double SubnormalScale => 18014398509481984.0;

    /// <inheritdoc/>
    public static double SubnormalScaleExponent => 54.0;

    /// <inheritdoc/>
    public static double TanhSaturation => 20.0;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T ExpM1Polynomial<T>(T r) where T : struct, IReal<T>
    {
        // r + r²(1/2! + r/3! + … + r^11/13!)
        T p = T.Of(1.6059043836821613e-10);
        p = T.MultiplyAdd(p, r, T.Of(2.08767569878681e-09));
        p = T.MultiplyAdd(p, r, T.Of(2.505210838544172e-08));
        p = T.MultiplyAdd(p, r, T.Of(2.755731922398589e-07));
        p = T.MultiplyAdd(p, r, T.Of(2.7557319223985893e-06));
        p = T.MultiplyAdd(p, r, T.Of(2.48015873015873e-05));
        p = T.MultiplyAdd(p, r, T.Of(0.0001984126984126984));
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
        // 2/3 + 2z/5 + … + 2z^9/21
        T p = T.Of(0.09523809523809523);
        p = T.MultiplyAdd(p, z, T.Of(0.10526315789473684));
        p = T.MultiplyAdd(p, z, T.Of(0.11764705882352941));
        p = T.MultiplyAdd(p, z, T.Of(0.13333333333333333));
        p = T.MultiplyAdd(p, z, T.Of(0.15384615384615385));
        p = T.MultiplyAdd(p, z, T.Of(0.18181818181818182));
        p = T.MultiplyAdd(p, z, T.Of(0.2222222222222222));
        p = T.MultiplyAdd(p, z, T.Of(0.2857142857142857));
        p = T.MultiplyAdd(p, z, T.Of(0.4));
        p = T.MultiplyAdd(p, z, T.Of(0.6666666666666666));
        return p;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SinPolynomial<T>(T z) where T : struct, IReal<T>
    {
        // −1/3! + z/5! − … ± z^7/17!
        T p = T.Of(2.8114572543455206e-15);
        p = T.MultiplyAdd(p, z, T.Of(-7.647163731819816e-13));
        p = T.MultiplyAdd(p, z, T.Of(1.6059043836821613e-10));
        p = T.MultiplyAdd(p, z, T.Of(-2.505210838544172e-08));
        p = T.MultiplyAdd(p, z, T.Of(2.7557319223985893e-06));
        p = T.MultiplyAdd(p, z, T.Of(-0.0001984126984126984));
        p = T.MultiplyAdd(p, z, T.Of(0.008333333333333333));
        p = T.MultiplyAdd(p, z, T.Of(-0.16666666666666666));
        return p;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T CosPolynomial<T>(T z) where T : struct, IReal<T>
    {
        // −1/2! + z/4! − … ± z^7/16!
        T p = T.Of(4.779477332387385e-14);
        p = T.MultiplyAdd(p, z, T.Of(-1.1470745597729725e-11));
        p = T.MultiplyAdd(p, z, T.Of(2.08767569878681e-09));
        p = T.MultiplyAdd(p, z, T.Of(-2.755731922398589e-07));
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
        // sin 2πr / (r(1/4 − r²)), degree 10 in z (relative error 3.9e-17): tools/fit-two-pi-polynomials.py
        T p = T.Of(7.926903097584068e-05);
        p = T.MultiplyAdd(p, z, T.Of(-0.0011048139678904475));
        p = T.MultiplyAdd(p, z, T.Of(0.011752811687814392));
        p = T.MultiplyAdd(p, z, T.Of(-0.10129028748713391));
        p = T.MultiplyAdd(p, z, T.Of(0.6927996130837045));
        p = T.MultiplyAdd(p, z, T.Of(-3.6467526679249005));
        p = T.MultiplyAdd(p, z, T.Of(14.182954408783237));
        p = T.MultiplyAdd(p, z, T.Of(-38.51295534264937));
        p = T.MultiplyAdd(p, z, T.Of(67.0776209173975));
        p = T.MultiplyAdd(p, z, T.Of(-64.83584404672565));
        p = T.MultiplyAdd(p, z, T.Of(25.132741228718345));
        return p;
    }
}
