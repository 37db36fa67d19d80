using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Tests.Arithmetic;

/// <summary>The SIMD lane types against scalar maths, lane by lane.</summary>
public sealed class LaneVectorTests
{
    // Exact operations (+ − × ÷ √, fused multiply-add, abs) must match the scalar result bit for bit after rounding
    // to the lane precision. Transcendental functions are ElementaryFunctions (ElementaryFunctionsTests measures them in
    // ulp over their whole range); the bounds below are what this project claims, in units of the lane type's epsilon (2^-23 or 2^-52), relative to
    // max(1, |exact|): a few ulp, measured well inside them on this machine.
    private const double TranscendentalUlps = 4;

    private const int Seed = 20261128;

    public static TheoryData<string> LaneTypes() => new() { nameof(Lanes8F32), nameof(Lanes4F64), nameof(Lanes16F32), nameof(Lanes8F64) };

    [Theory]
    [MemberData(nameof(LaneTypes))]
    public void Arithmetic_RandomValues_MatchesScalarPerLane(string laneType) => ForType(laneType, new ArithmeticCheck());

    [Theory]
    [MemberData(nameof(LaneTypes))]
    public void Transcendentals_OverTheirRanges_WithinClaimedUlps(string laneType) => ForType(laneType, new TranscendentalCheck());

    [Theory]
    [MemberData(nameof(LaneTypes))]
    public void IfLessAndAllLess_WithNaNLanes_TreatComparisonAsFalse(string laneType) => ForType(laneType, new ComparisonCheck());

    [Fact]
    public void FromLanes_Float32_RoundsExactlyAsReal32Of()
    {
        var random = new Random(Seed);
        double[] values = Enumerable.Range(0, 8).Select(_ => (random.NextDouble() - 0.5) * 1e3).ToArray();
        Lanes8F32 lanes = Lanes8F32.FromLanes(values);
        for (int lane = 0; lane < 8; lane++)
        {
            Assert.Equal(Real32.GetLane(Real32.Of(values[lane]), 0), Lanes8F32.GetLane(lanes, lane));
        }
    }

    [Theory]
    [MemberData(nameof(LaneTypes))]
    public void ToLanes_AfterFromLanes_GivesEveryLaneAsGetLaneDoes(string laneType) => ForType(laneType, new RoundTripCheck());

    [Fact]
    public void WideLaneTypes_EveryOperation_EqualTheNarrowOnesBitForBit()
    {
        // The SIMD engine may run a problem at either width (SimdPlanTuner): its results must not depend on it.
        var random = new Random(Seed);
        for (int trial = 0; trial < 300; trial++)
        {
            double[] a = Enumerable.Range(0, 16).Select(_ => (random.NextDouble() - 0.5) * 200).ToArray();
            double[] b = Enumerable.Range(0, 16).Select(_ => (random.NextDouble() - 0.5) * 200).ToArray();
            double[] c = Enumerable.Range(0, 16).Select(_ => (random.NextDouble() - 0.5) * 200).ToArray();
            SameLanes<Lanes8F32, Lanes16F32>(a, b, c);
            SameLanes<Lanes4F64, Lanes8F64>(a, b, c);
        }
    }

    [Fact]
    public void FromLanes_TooFewValues_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Lanes8F32.FromLanes(new double[7]));

    [Fact]
    public void GetLane_OutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Lanes8F32.GetLane(Lanes8F32.Of(1), 8));

    private static void ForType(string laneType, ICheck check)
    {
        switch (laneType)
        {
            case nameof(Lanes8F32): check.Run<Lanes8F32>(Math.Pow(2, -23), isFloat32: true); break;
            case nameof(Lanes16F32): check.Run<Lanes16F32>(Math.Pow(2, -23), isFloat32: true); break;
            case nameof(Lanes8F64): check.Run<Lanes8F64>(Math.Pow(2, -52), isFloat32: false); break;
            default: check.Run<Lanes4F64>(Math.Pow(2, -52), isFloat32: false); break;
        }
    }

    private sealed class RoundTripCheck : ICheck
    {
        public void Run<T>(double epsilon, bool isFloat32) where T : struct, ILaneVector<T>
        {
            var random = new Random(Seed);
            double[] values = Enumerable.Range(0, T.LaneCount).Select(_ => (random.NextDouble() - 0.5) * 1e6).ToArray();
            T lanes = T.FromLanes(values);
            var stored = new double[T.LaneCount + 1];
            stored[^1] = 42;
            T.ToLanes(lanes, stored);
            for (int lane = 0; lane < T.LaneCount; lane++)
            {
                Assert.Equal(T.GetLane(lanes, lane), stored[lane]);
                Assert.Equal(Round(values[lane], isFloat32), stored[lane]);
            }

            Assert.Equal(42, stored[^1]);
        }
    }

    // Every operation of the wide type W, lane by lane, against the narrow type N on the same values.
    private static void SameLanes<TNarrow, TWide>(double[] a, double[] b, double[] c)
        where TNarrow : struct, ILaneVector<TNarrow>
        where TWide : struct, ILaneVector<TWide>
    {
        var operations = new (string Name, Func<TNarrow, TNarrow, TNarrow, TNarrow> Narrow, Func<TWide, TWide, TWide, TWide> Wide)[]
        {
            ("+", (x, y, _) => x + y, (x, y, _) => x + y),
            ("-", (x, y, _) => x - y, (x, y, _) => x - y),
            ("*", (x, y, _) => x * y, (x, y, _) => x * y),
            ("/", (x, y, _) => x / y, (x, y, _) => x / y),
            ("fma", TNarrow.MultiplyAdd, TWide.MultiplyAdd),
            ("sqrt", (x, _, _) => TNarrow.Sqrt(TNarrow.Abs(x)), (x, _, _) => TWide.Sqrt(TWide.Abs(x))),
            ("exp", (x, _, _) => TNarrow.Exp(x * TNarrow.Of(0.3)), (x, _, _) => TWide.Exp(x * TWide.Of(0.3))),
            ("log", (x, _, _) => TNarrow.Log(TNarrow.Abs(x)), (x, _, _) => TWide.Log(TWide.Abs(x))),
            ("sin", (x, _, _) => TNarrow.Sin(x), (x, _, _) => TWide.Sin(x)),
            ("cos", (x, _, _) => TNarrow.Cos(x), (x, _, _) => TWide.Cos(x)),
            ("tanh", (x, _, _) => TNarrow.Tanh(x * TNarrow.Of(0.05)), (x, _, _) => TWide.Tanh(x * TWide.Of(0.05))),
            ("ifless", (x, y, z) => TNarrow.IfLess(x, y, z, x), (x, y, z) => TWide.IfLess(x, y, z, x)),
        };
        TWide wa = TWide.FromLanes(a), wb = TWide.FromLanes(b), wc = TWide.FromLanes(c);
        foreach (var operation in operations)
        {
            TWide wide = operation.Wide(wa, wb, wc);
            for (int first = 0; first < TWide.LaneCount; first += TNarrow.LaneCount)
            {
                TNarrow narrow = operation.Narrow(TNarrow.FromLanes(a.AsSpan(first)), TNarrow.FromLanes(b.AsSpan(first)), TNarrow.FromLanes(c.AsSpan(first)));
                for (int lane = 0; lane < TNarrow.LaneCount; lane++)
                {
                    double expected = TNarrow.GetLane(narrow, lane), actual = TWide.GetLane(wide, first + lane);
                    Assert.True(expected.Equals(actual), $"{typeof(TWide).Name} {operation.Name} lane {first + lane}: {actual:R}, {typeof(TNarrow).Name} gives {expected:R}");
                }
            }
        }
    }

    private interface ICheck
    {
        void Run<T>(double epsilon, bool isFloat32) where T : struct, ILaneVector<T>;
    }

    private static double Round(double value, bool isFloat32) => isFloat32 ? (float)value : value;

    private static (T Lanes, double[] Values) Random<T>(Random random, double low, double high, bool isFloat32) where T : struct, ILaneVector<T>
    {
        double[] values = Enumerable.Range(0, T.LaneCount).Select(_ => Round(low + (high - low) * random.NextDouble(), isFloat32)).ToArray();
        return (T.FromLanes(values), values);
    }

    private sealed class ArithmeticCheck : ICheck
    {
        public void Run<T>(double epsilon, bool isFloat32) where T : struct, ILaneVector<T>
        {
            var random = new Random(Seed);
            for (int trial = 0; trial < 200; trial++)
            {
                (T a, double[] av) = Random<T>(random, -100, 100, isFloat32);
                (T b, double[] bv) = Random<T>(random, -100, 100, isFloat32);
                (T c, double[] cv) = Random<T>(random, -100, 100, isFloat32);
                for (int lane = 0; lane < T.LaneCount; lane++)
                {
                    Same(av[lane] + bv[lane], T.GetLane(a + b, lane));
                    Same(av[lane] - bv[lane], T.GetLane(a - b, lane));
                    Same(av[lane] * bv[lane], T.GetLane(a * b, lane));
                    Same(av[lane] / bv[lane], T.GetLane(a / b, lane));
                    Same(-av[lane], T.GetLane(-a, lane));
                    Same(Math.Abs(av[lane]), T.GetLane(T.Abs(a), lane));
                    Same(Math.Sqrt(Math.Abs(av[lane])), T.GetLane(T.Sqrt(T.Abs(a)), lane));
                    double fused = isFloat32 ? MathF.FusedMultiplyAdd((float)av[lane], (float)bv[lane], (float)cv[lane]) : Math.FusedMultiplyAdd(av[lane], bv[lane], cv[lane]);
                    Assert.Equal(fused, T.GetLane(T.MultiplyAdd(a, b, c), lane));
                }
            }

            void Same(double exact, double actual) => Assert.Equal(Round(exact, isFloat32), actual);
        }
    }

    private sealed class TranscendentalCheck : ICheck
    {
        public void Run<T>(double epsilon, bool isFloat32) where T : struct, ILaneVector<T>
        {
            var random = new Random(Seed);
            double exponentRange = isFloat32 ? 80 : 700;
            var functions = new (string Name, Func<T, T> Lanes, Func<double, double> Exact, double Low, double High)[]
            {
                ("Exp", T.Exp, Math.Exp, -exponentRange, exponentRange),
                ("Log", T.Log, Math.Log, 1e-6, 1e6),
                ("Sin", T.Sin, Math.Sin, -100, 100),
                ("Cos", T.Cos, Math.Cos, -100, 100),
                ("Tanh", T.Tanh, Math.Tanh, -20, 20),
            };
            foreach (var function in functions)
            {
                double worst = 0;
                for (int trial = 0; trial < 500; trial++)
                {
                    (T lanes, double[] values) = Random<T>(random, function.Low, function.High, isFloat32);
                    T result = function.Lanes(lanes);
                    for (int lane = 0; lane < T.LaneCount; lane++)
                    {
                        double exact = function.Exact(values[lane]);
                        worst = Math.Max(worst, Math.Abs(T.GetLane(result, lane) - exact) / Math.Max(1, Math.Abs(exact)) / epsilon);
                    }
                }

                Assert.True(worst <= TranscendentalUlps, $"{typeof(T).Name}.{function.Name}: worst error {worst:0.00} ulp, claimed {TranscendentalUlps}");
            }
        }
    }

    private sealed class ComparisonCheck : ICheck
    {
        public void Run<T>(double epsilon, bool isFloat32) where T : struct, ILaneVector<T>
        {
            double[] left = Enumerable.Range(0, T.LaneCount).Select(lane => lane % 3 == 0 ? double.NaN : lane).ToArray();
            double[] right = Enumerable.Range(0, T.LaneCount).Select(lane => lane % 4 == 1 ? double.NaN : lane + 0.5 - (lane % 2)).ToArray();
            T result = T.IfLess(T.FromLanes(left), T.FromLanes(right), T.Of(10), T.Of(20));
            for (int lane = 0; lane < T.LaneCount; lane++)
            {
                double expected = left[lane] < right[lane] ? 10 : 20;
                Assert.Equal(expected, T.GetLane(result, lane));
            }

            double[] small = Enumerable.Range(0, T.LaneCount).Select(lane => (double)lane).ToArray();
            double[] large = small.Select(value => value + 1).ToArray();
            Assert.True(T.AllLess(T.FromLanes(small), T.FromLanes(large)));
            large[T.LaneCount - 1] = small[T.LaneCount - 1];
            Assert.False(T.AllLess(T.FromLanes(small), T.FromLanes(large)));
            large[T.LaneCount - 1] = double.NaN;
            Assert.False(T.AllLess(T.FromLanes(small), T.FromLanes(large)));
            Assert.False(T.AllLess(T.Of(double.NaN), T.Of(1)));
        }
    }
}
