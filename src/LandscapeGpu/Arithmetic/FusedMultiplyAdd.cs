using System.Runtime.CompilerServices;
using ILGPU.Runtime.Cuda;

namespace LandscapeGpu.Arithmetic;

/// <summary>
/// a·b + c rounded once, for the one-lane kernel types, on every ILGPU backend: ILGPU 1.5.3 compiles
/// <see cref="MathF.FusedMultiplyAdd"/> to a call of an undefined function, so CUDA gets the instruction itself
/// (<c>fma.rn</c>) and every other backend (the CPU accelerator, OpenCL) an exact emulation from plain float64
/// arithmetic, which gives the same bits as the hardware instruction and as the SIMD lanes' fused multiply-add.
/// </summary>
public static class FusedMultiplyAdd
{
    /// <summary>a·b + c in float32, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Of(float a, float b, float c)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("fma.rn.f32 %0, %1, %2, %3;", out float fused, a, b, c);
            return fused;
        }

        // The product of two float32 values is exact in float64; the sum, rounded to odd in float64 (53 ≥ 24 + 2 bits),
        // then to nearest in float32, is the once-rounded result (Boldo and Melquiond, 2008).
        double product = (double)a * b;
        double sum = product + c;
        return (float)RoundToOdd(sum, TwoSumError(product, c, sum));
    }

    /// <summary>a·b + c in float64, rounded once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Of(double a, double b, double c)
    {
        if (CudaAsm.IsSupported)
        {
            CudaAsm.Emit("fma.rn.f64 %0, %1, %2, %3;", out double fused, a, b, c);
            return fused;
        }

        return Emulated(a, b, c);
    }

    // Boldo and Melquiond's emulated FMA: the exact product uh + ul (Dekker), c + uh = th + tl exactly (Knuth), then
    // th + RO(tl + ul) rounds once. Where the product or a term is not finite, or the product leaves the range in
    // which Dekker's product is exact, the plain expression has the fused value's special cases already.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double Emulated(double a, double b, double c)
    {
        double product = a * b;
        double magnitude = Math.Abs(product);
        if (!(magnitude < 1e300) || !(Math.Abs(c) < 1e300) || (magnitude < 1e-280 && product != 0))
        {
            return product + c;
        }

        (double highA, double lowA) = Split(a);
        (double highB, double lowB) = Split(b);
        double productError = ((highA * highB - product) + highA * lowB + lowA * highB) + lowA * lowB;
        double total = c + product;
        double totalError = TwoSumError(c, product, total);
        double tail = totalError + productError;
        return total + RoundToOdd(tail, TwoSumError(totalError, productError, tail));
    }

    // Veltkamp's split into halves of 26 and 27 bits whose pairwise products are exact.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (double High, double Low) Split(double value)
    {
        double scaled = value * 134217729.0;
        double high = scaled - (scaled - value);
        return (high, value - high);
    }

    // The rounding error of total = a + b, exactly (Knuth's two-sum).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double TwoSumError(double a, double b, double total)
    {
        double bPart = total - a;
        return (a - (total - bPart)) + (b - bPart);
    }

    // value + error (value = the nearest double to it) rounded to odd: value itself when exact or its last bit is odd,
    // else its neighbour towards the exact sum, whose last bit is odd.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double RoundToOdd(double value, double error)
    {
        long bits = BitConverter.DoubleToInt64Bits(value);
        if (error == 0 || (bits & 1) != 0 || double.IsNaN(error))
        {
            return value;
        }

        bool awayFromZero = (error > 0) == (value > 0);
        return BitConverter.Int64BitsToDouble(awayFromZero ? bits + 1 : bits - 1);
    }
}
