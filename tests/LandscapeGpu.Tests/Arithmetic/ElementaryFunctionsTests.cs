using System.Runtime.Intrinsics;
using ILGPU;
using ILGPU.Runtime;
using ILGPU.Runtime.CPU;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Tests.Arithmetic;

/// <summary>
/// exp, log, sin, cos, tanh, sin 2πx and cos 2πx of <see cref="ElementaryFunctions"/>: accuracy in units in the last place over the whole
/// range (random bit patterns reach every exponent, subnormals included), IEEE special values, and the same bits from
/// the kernel's one-lane types, 256- and 512-bit lanes and an ILGPU kernel on the CPU accelerator.
/// </summary>
public sealed class ElementaryFunctionsTests
{
    // Measured worst over these samples on this machine: float32 against float64 1.0 (exp), 1.8 (log), 1.3, 1.4 (sin,
    // cos), 2.8, 3.2 (sin 2πx, cos 2πx) ulp (tanh: its own bound below); float64 against .NET's Math (itself within 1 ulp) 1.0, 1.0,
    // 1.0, 1.0, 3.0, 3.0, 3.0. About one ulp of slack.
    private const double Float32UlpBound = 3.7;
    private const double Float64UlpBound = 4.0;

    // float32 tanh is the rational of Float32Precision (tools/fit-tanh.py): worst 5.39 ulp over every float32 argument,
    // measured here and by the script, nearly all of it the roundings of evaluating x·P/Q in float32. A tenth of an ulp
    // of slack: the next cheaper rational (numerator degree 7 rather than 9) already errs by 7.5 ulp in real numbers.
    private const double Float32TanhUlpBound = 5.5;

    // Arguments from which float32 tanh is x (and every one below) or ±1 (and every one above).
    private const float TanhIsXBelow = 1.0f / 8192;
    private const float TanhIsOneFrom = 9.125f;
    private const int Samples = 60_000;
    private const int Seed = 20261202;

    private static readonly (string Name, Func<double, double> Exact)[] Functions =
        [("exp", Math.Exp), ("log", Math.Log), ("sin", Math.Sin), ("cos", Math.Cos), ("tanh", Math.Tanh),
         ("sin 2πx", x => double.SinPi(2 * (x - Math.Round(x)))), ("cos 2πx", x => double.CosPi(2 * (x - Math.Round(x))))];

    // The functions' count, as a constant a kernel can use (Functions.Length is a static array's).
    private const int FunctionCount = 7;

    public static TheoryData<int> FunctionIndices() => new() { 0, 1, 2, 3, 4, 5, 6 };

    [Theory]
    [MemberData(nameof(FunctionIndices))]
    public void Float32_OverTheWholeRange_WithinUlpBoundOfFloat64(int function)
    {
        var random = new Random(Seed + function);
        double worst = 0;
        float worstAt = 0;
        foreach (float x in Float32Arguments(random, function))
        {
            float actual = Apply(function, new Real32(x)).Value;
            double error = UlpError(Functions[function].Exact(x), actual, float32: true);
            if (error > worst)
            {
                (worst, worstAt) = (error, x);
            }
        }

        double bound = function == 4 ? Float32TanhUlpBound : Float32UlpBound;
        Assert.True(worst <= bound, $"float32 {Functions[function].Name}: {worst:0.00} ulp at {worstAt:R}, bound {bound}");
    }

    [Fact]
    public void Float32Tanh_DenseSweepOfEveryBinade_WithinBoundOddAndSameBitsAtEveryWidth()
    {
        // Every 97th float32 from 0 to just past the clamp (4.3 million arguments, every exponent and many significands
        // of each), then the exact regions either side: tanh x = x for tiny x, ±1 from the clamp on.
        const int Stride = 97;
        int last = BitConverter.SingleToInt32Bits(TanhIsOneFrom * 1.01f);
        var arguments = new float[16];
        double worst = 0;
        float worstAt = 0;
        for (int bits = 0; bits <= last; bits += 16 * Stride)
        {
            for (int lane = 0; lane < 16; lane++)
            {
                arguments[lane] = BitConverter.Int32BitsToSingle(Math.Min(bits + lane * Stride, last));
            }

            Lanes16F32 wide = Lanes16F32.Tanh(new Lanes16F32(Vector512.Create(arguments)));
            Lanes8F32 narrow = Lanes8F32.Tanh(new Lanes8F32(Vector256.Create(arguments.AsSpan(8, 8))));
            for (int lane = 0; lane < 16; lane++)
            {
                float x = arguments[lane];
                float expected = Real32.Tanh(new Real32(x)).Value;
                AssertSameBits(expected, wide.Value.GetElement(lane), 4, x);
                AssertSameBits(-expected, Real32.Tanh(new Real32(-x)).Value, 4, -x);
                if (lane >= 8)
                {
                    AssertSameBits(expected, narrow.Value.GetElement(lane - 8), 4, x);
                }

                double error = UlpError(Math.Tanh(x), expected, float32: true);
                if (error > worst)
                {
                    (worst, worstAt) = (error, x);
                }
            }
        }

        Assert.True(worst <= Float32TanhUlpBound, $"float32 tanh: {worst:0.00} ulp at {worstAt:R}, bound {Float32TanhUlpBound}");
        foreach (float x in new[] { float.Epsilon, 1e-30f, 1.17549435e-38f, 1e-10f, TanhIsXBelow * 0.999f })
        {
            Assert.Equal(x, Real32.Tanh(new(x)).Value);
            Assert.Equal(-x, Real32.Tanh(new(-x)).Value);
        }

        foreach (float x in new[] { TanhIsOneFrom, 9.5f, 20f, 1e10f, float.MaxValue, float.PositiveInfinity })
        {
            Assert.Equal(1f, Real32.Tanh(new(x)).Value);
            Assert.Equal(-1f, Real32.Tanh(new(-x)).Value);
        }
    }

    [Theory]
    [MemberData(nameof(FunctionIndices))]
    public void Float64_OverTheWholeRange_WithinUlpBoundOfMath(int function)
    {
        var random = new Random(Seed + 10 + function);
        double worst = 0, worstAt = 0;
        foreach (double x in Float64Arguments(random, function))
        {
            double actual = Apply(function, new Real64(x)).Value;
            double error = UlpError(Functions[function].Exact(x), actual, float32: false);
            if (error > worst)
            {
                (worst, worstAt) = (error, x);
            }
        }

        Assert.True(worst <= Float64UlpBound, $"float64 {Functions[function].Name}: {worst:0.00} ulp at {worstAt:R}, bound {Float64UlpBound}");
    }

    [Theory]
    [MemberData(nameof(FunctionIndices))]
    public void LaneTypes_MixedSmallAndHugeArguments_EqualTheOneLaneTypeBitForBit(int function)
    {
        // Lanes beyond the reduction threshold of sin and cos share vectors with small ones: each lane's bits must
        // depend on its own argument only, at either width, in either precision.
        var random = new Random(Seed + 20 + function);
        float[] singles = [.. Float32Arguments(random, function).Take(4096)];
        double[] doubles = [.. Float64Arguments(random, function).Take(4096)];
        for (int first = 0; first + 16 <= singles.Length; first += 16)
        {
            Lanes16F32 wide = Apply(function, new Lanes16F32(Vector512.Create(singles.AsSpan(first, 16))));
            Lanes8F32 narrow = Apply(function, new Lanes8F32(Vector256.Create(singles.AsSpan(first, 8))));
            Lanes8F64 wide64 = Apply(function, new Lanes8F64(Vector512.Create(doubles.AsSpan(first, 8))));
            Lanes4F64 narrow64 = Apply(function, new Lanes4F64(Vector256.Create(doubles.AsSpan(first, 4))));
            for (int lane = 0; lane < 16; lane++)
            {
                float expected = Apply(function, new Real32(singles[first + lane])).Value;
                AssertSameBits(expected, wide.Value.GetElement(lane), function, singles[first + lane]);
                if (lane < 8)
                {
                    AssertSameBits(expected, narrow.Value.GetElement(lane), function, singles[first + lane]);
                    double expected64 = Apply(function, new Real64(doubles[first + lane])).Value;
                    AssertSameBits(expected64, wide64.Value.GetElement(lane), function, doubles[first + lane]);
                    if (lane < 4)
                    {
                        AssertSameBits(expected64, narrow64.Value.GetElement(lane), function, doubles[first + lane]);
                    }
                }
            }
        }
    }

    [Fact]
    public void IlgpuKernel_OnTheCpuAccelerator_GivesTheHostsBits()
    {
        Assert.Equal(FunctionCount, Functions.Length);
        var random = new Random(Seed + 30);
        float[] singles = [.. Enumerable.Range(0, Functions.Length).SelectMany(function => Float32Arguments(random, function).Take(2000))];
        double[] doubles = [.. Enumerable.Range(0, Functions.Length).SelectMany(function => Float64Arguments(random, function).Take(2000))];
        using Context context = Context.Create(builder => builder.CPU());
        using Accelerator accelerator = context.CreateCPUAccelerator(0);
        using var input = accelerator.Allocate1D(singles);
        using var input64 = accelerator.Allocate1D(doubles);
        using var output = accelerator.Allocate1D<float>(singles.Length * Functions.Length);
        using var output64 = accelerator.Allocate1D<double>(doubles.Length * Functions.Length);
        accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<float>, ArrayView<float>>(Float32Kernel)(singles.Length, input.View, output.View);
        accelerator.LoadAutoGroupedStreamKernel<Index1D, ArrayView<double>, ArrayView<double>>(Float64Kernel)(doubles.Length, input64.View, output64.View);
        float[] fromKernel = output.GetAsArray1D();
        double[] fromKernel64 = output64.GetAsArray1D();
        for (int i = 0; i < singles.Length; i++)
        {
            for (int function = 0; function < Functions.Length; function++)
            {
                int at = i * Functions.Length + function;
                AssertSameBits(Apply(function, new Real32(singles[i])).Value, fromKernel[at], function, singles[i]);
                AssertSameBits(Apply(function, new Real64(doubles[i])).Value, fromKernel64[at], function, doubles[i]);
            }
        }
    }

    [Fact]
    public void SpecialValues_Float32_FollowIeee()
    {
        float inf = float.PositiveInfinity;
        Assert.Equal(inf, Real32.Exp(new(inf)).Value);
        Assert.Equal(0f, Real32.Exp(new(-inf)).Value);
        Assert.Equal(inf, Real32.Exp(new(88.73f)).Value);
        Assert.Equal(MathF.Exp(88.72f), Real32.Exp(new(88.72f)).Value);
        Assert.Equal(0f, Real32.Exp(new(-104f)).Value);
        Assert.Equal(float.Epsilon, Real32.Exp(new(-103.9f)).Value);
        Assert.Equal(-inf, Real32.Log(new(0f)).Value);
        Assert.Equal(-inf, Real32.Log(new(-0f)).Value);
        Assert.Equal(inf, Real32.Log(new(inf)).Value);
        Assert.True(float.IsNaN(Real32.Log(new(-1f)).Value));
        Assert.True(float.IsNaN(Real32.Log(new(-inf)).Value));
        Assert.Equal(MathF.Log(float.Epsilon), Real32.Log(new(float.Epsilon)).Value, 1e-5f);
        Assert.Equal(0f, Real32.Log(new(1f)).Value);
        foreach (float value in new[] { inf, -inf, float.NaN })
        {
            Assert.True(float.IsNaN(Real32.Sin(new(value)).Value));
            Assert.True(float.IsNaN(Real32.Cos(new(value)).Value));
        }

        foreach (Func<Real32, Real32> function in new Func<Real32, Real32>[] { Real32.Exp, Real32.Log, Real32.Tanh })
        {
            Assert.True(float.IsNaN(function(new(float.NaN)).Value));
        }

        Assert.Equal(1f, Real32.Tanh(new(inf)).Value);
        Assert.Equal(-1f, Real32.Tanh(new(-inf)).Value);
        Assert.True(float.IsNegative(Real32.Tanh(new(-0f)).Value));
        Assert.True(float.IsNegative(Real32.Sin(new(-0f)).Value));
        Assert.Equal(1e-30f, Real32.Tanh(new(1e-30f)).Value);
        Assert.Equal(-float.Epsilon, Real32.Sin(new(-float.Epsilon)).Value);

        // sin 2πx and cos 2πx: exact zeros and ±1 where x is a multiple of 1/4, at any magnitude.
        foreach (float value in new[] { inf, -inf, float.NaN })
        {
            Assert.True(float.IsNaN(Real32.SinTwoPi(new(value)).Value));
            Assert.True(float.IsNaN(Real32.CosTwoPi(new(value)).Value));
        }

        Assert.Equal(0f, Real32.SinTwoPi(new(-0f)).Value); // +0 at every whole x: the reduction x − round(x) gives +0
        Assert.Equal(2 * MathF.PI * 1e-40f, Real32.SinTwoPi(new(1e-40f)).Value);
        foreach (float whole in new[] { 1f, -3f, 4194303f, 4194305f, 1e30f, float.MaxValue })
        {
            Assert.Equal(0f, Real32.SinTwoPi(new(whole)).Value);
            Assert.Equal(1f, Real32.CosTwoPi(new(whole)).Value);
            Assert.Equal(0f, Real32.SinTwoPi(new(whole + 0.5f)).Value);
        }

        foreach (float quarter in new[] { 0.25f, -0.75f, 1000.25f, 2097151.75f })
        {
            Assert.Equal(0f, Real32.CosTwoPi(new(quarter)).Value);
        }

        Assert.Equal(-1f, Real32.CosTwoPi(new(0.5f)).Value);
        Assert.Equal(-1f, Real32.CosTwoPi(new(4194304.5f)).Value);
        Assert.Equal(1f, Real32.SinTwoPi(new(0.25f)).Value, 1e-7f);
    }

    [Fact]
    public void SpecialValues_Float64_FollowIeee()
    {
        double inf = double.PositiveInfinity;
        Assert.Equal(inf, Real64.Exp(new(inf)).Value);
        Assert.Equal(0, Real64.Exp(new(-inf)).Value);
        Assert.Equal(inf, Real64.Exp(new(709.79)).Value);
        Assert.Equal(double.Epsilon, Real64.Exp(new(-745.1)).Value);
        Assert.Equal(0, Real64.Exp(new(-745.2)).Value);
        Assert.Equal(-inf, Real64.Log(new(0)).Value);
        Assert.Equal(inf, Real64.Log(new(inf)).Value);
        Assert.True(double.IsNaN(Real64.Log(new(-1e-300)).Value));
        Assert.Equal(Math.Log(double.Epsilon), Real64.Log(new(double.Epsilon)).Value, 1e-12);
        Assert.True(double.IsNaN(Real64.Sin(new(inf)).Value));
        Assert.True(double.IsNaN(Real64.Cos(new(-inf)).Value));
        Assert.True(double.IsNaN(Real64.Tanh(new(double.NaN)).Value));
        Assert.Equal(-1, Real64.Tanh(new(-inf)).Value);
        Assert.Equal(Math.Sin(double.MaxValue), Real64.Sin(new(double.MaxValue)).Value, 1e-15);
        Assert.True(double.IsNaN(Real64.SinTwoPi(new(inf)).Value));
        Assert.True(double.IsNaN(Real64.CosTwoPi(new(-inf)).Value));
        Assert.Equal(0, Real64.SinTwoPi(new(double.MaxValue)).Value);
        Assert.Equal(1, Real64.CosTwoPi(new(-1e300)).Value);
        Assert.Equal(-1, Real64.CosTwoPi(new(2251799813685248.5)).Value);
        Assert.Equal(0, Real64.SinTwoPi(new(-2.5)).Value);
        Assert.Equal(0, Real64.CosTwoPi(new(7.75)).Value);
    }

    private static void Float32Kernel(Index1D index, ArrayView<float> input, ArrayView<float> output)
    {
        var x = new Real32(input[index]);
        for (int function = 0; function < FunctionCount; function++)
        {
            output[index * FunctionCount + function] = Apply(function, x).Value;
        }
    }

    private static void Float64Kernel(Index1D index, ArrayView<double> input, ArrayView<double> output)
    {
        var x = new Real64(input[index]);
        for (int function = 0; function < FunctionCount; function++)
        {
            output[index * FunctionCount + function] = Apply(function, x).Value;
        }
    }

    private static T Apply<T>(int function, T x) where T : struct, IReal<T> => function switch
    {
        0 => T.Exp(x),
        1 => T.Log(x),
        2 => T.Sin(x),
        3 => T.Cos(x),
        4 => T.Tanh(x),
        5 => T.SinTwoPi(x),
        _ => T.CosTwoPi(x),
    };

    // Half the arguments uniform over where the function varies (log: positive values up to 10⁶), half random bit
    // patterns: every exponent from subnormal to the largest finite value, both signs (log: positive).
    private static IEnumerable<float> Float32Arguments(Random random, int function)
    {
        double[] spread = [110, 1e6, 1e4, 1e4, 12, 1e4, 1e4];
        for (int i = 0; i < Samples; i++)
        {
            float x = i % 2 == 0
                ? (float)((random.NextDouble() * 2 - 1) * spread[function])
                : BitConverter.Int32BitsToSingle(random.Next(0x7F800000) | (random.Next(2) << 31));
            yield return function == 1 ? Math.Abs(x) : x;
        }
    }

    private static IEnumerable<double> Float64Arguments(Random random, int function)
    {
        double[] spread = [760, 1e6, 1e4, 1e4, 25, 1e4, 1e4];
        for (int i = 0; i < Samples; i++)
        {
            double x = i % 2 == 0
                ? (random.NextDouble() * 2 - 1) * spread[function]
                : BitConverter.Int64BitsToDouble(random.NextInt64(0x7FF0000000000000) | ((long)random.Next(2) << 63));
            yield return function == 1 ? Math.Abs(x) : x;
        }
    }

    // |actual − exact| in units of the last place of exact rounded to the precision; infinities and NaN must match.
    private static double UlpError(double exact, double actual, bool float32)
    {
        double rounded = float32 ? (float)exact : exact;
        if (double.IsNaN(rounded) || double.IsInfinity(rounded) || double.IsInfinity(actual))
        {
            return rounded.Equals(actual) ? 0 : double.PositiveInfinity;
        }

        double magnitude = Math.Abs(rounded);
        double ulp = float32
            ? Math.Max(MathF.BitIncrement((float)magnitude) - magnitude, float.Epsilon)
            : Math.Max(Math.BitIncrement(magnitude) - magnitude, double.Epsilon);
        return Math.Abs(actual - exact) / ulp;
    }

    private static void AssertSameBits(float expected, float actual, int function, double x) =>
        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
            $"{Functions[function].Name}({x:R}): {actual:R}, the one-lane type gives {expected:R}");

    private static void AssertSameBits(double expected, double actual, int function, double x) =>
        Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual),
            $"{Functions[function].Name}({x:R}): {actual:R}, the one-lane type gives {expected:R}");
}
