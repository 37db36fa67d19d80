using LandscapeGpu.Arithmetic;
using LandscapeGpu.Benchmarks;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Formulas.Emitted;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Tests.Landscapes.Formulas;

/// <summary>
/// Formulas compiled to IL (<see cref="FormulaEmitter"/>) against the node structs with symbolic derivatives, which
/// evaluate the same expressions through the same <see cref="FormulaOperations"/>: equal bit for bit, loss and gradient,
/// in float64, float32 and SIMD lanes.
/// </summary>
public sealed class EmittedFormulaTests
{
    public static TheoryData<string> Formulas()
    {
        var formulas = new TheoryData<string>();
        foreach (string formula in SymbolicGradientTests.Cases.Select(row => (string)row[0]))
        {
            formulas.Add(formula);
        }

        return formulas;
    }

    [Theory]
    [MemberData(nameof(Formulas))]
    public void EmittedFormula_EqualsTheNodeStructsBitForBit(string formula) => AssertSameAsNodes(formula, seed: 3);

    [Fact]
    public void EmittedFormula_OfRandomFormulas_EqualsTheNodeStructsBitForBit()
    {
        var random = new Random(2026);
        int compared = 0;
        for (int i = 0; i < 200; i++)
        {
            string formula = SymbolicGradientTests.RandomFormula(random, depth: 6);
            try
            {
                compared += AssertSameAsNodes(formula, seed: i);
            }
            catch (FormulaSyntaxException)
            {
                // uses neither x nor y
            }
        }

        // About half the random formulas are emitted (the rest use neither x nor y, or differentiate past the node
        // limit); 12 points each.
        Assert.InRange(compared, 1000, int.MaxValue);
    }

    [Theory]
    [InlineData("(x^2+y-11)^2 + (x+y^2-7)^2")]
    [InlineData("y*tanh(3*x)")]
    [InlineData("exp(-(x^2+y^2))*sin(3*x*y)")]
    [InlineData("(y - 2)^2")]
    public void Parse_FormulaOfXAndY_IsEmittedAsAType(string formula)
    {
        Type landscape = FormulaLandscapes.Parse(formula).Accept(new LandscapeTypeOf());
        Assert.True(landscape.Assembly.IsDynamic, $"{formula} was compiled as {landscape.Name}, not emitted");
        Assert.True(typeof(ILandscape).IsAssignableFrom(landscape) && landscape.IsValueType);
    }

    [Fact]
    public void Gradient_SubexpressionOfBothDerivatives_IsComputedOnce()
    {
        // ∂/∂x exp(x·y) = exp(x·y)·y and ∂/∂y = exp(x·y)·x: the node structs take x·y and its exp twice (6 operations),
        // the emitted gradient once (x·y, exp, two products: 4).
        Assert.Equal(4, GradientOperations(FormulaLandscapes.Parse("exp(x*y)")));
        Assert.Equal(6, GradientOperations(SymbolicReference.Parse("exp(x*y)")));
    }

    [Fact]
    public void Emit_DataColumn_IsRefusedNamingWhy()
    {
        var column = new LeafExpression(new LandscapeGpu.Landscapes.Formulas.Nodes.DataColumn(0));
        Assert.False(FormulaEmitter.CanEmit(column));
        var error = Assert.Throws<ArgumentException>(() => FormulaEmitter.Emit(column, column, column));
        Assert.Contains("only formulas of x and y", error.Message, StringComparison.Ordinal);
    }

    // Loss and gradient of the emitted and the node-struct landscapes at random points, over three number types.
    private static int AssertSameAsNodes(string formula, int seed)
    {
        LandscapeEntry emitted = FormulaLandscapes.Parse(formula);
        LandscapeEntry nodes = SymbolicReference.Parse(formula);
        if (!emitted.Accept(new LandscapeTypeOf()).Assembly.IsDynamic)
        {
            return 0; // derivatives over the node limit: both are the same automatic-differentiation landscape
        }

        var random = new Random(seed);
        int compared = 0;
        for (int point = 0; point < 12; point++)
        {
            double[] xs = Enumerable.Range(0, 8).Select(_ => -2 + 4 * random.NextDouble()).ToArray();
            double[] ys = Enumerable.Range(0, 8).Select(_ => -2 + 4 * random.NextDouble()).ToArray();
            Same<Real64>(xs, ys);
            Same<Real32>(xs, ys);
            Same<Lanes8F32>(xs, ys);
            compared++;
        }

        return compared;

        void Same<T>(double[] xs, double[] ys) where T : struct, IReal<T>
        {
            for (int first = 0; first < xs.Length; first += T.LaneCount)
            {
                T x = Load<T>(xs.AsSpan(first)), y = Load<T>(ys.AsSpan(first));
                double[] expected = emitted.Accept(new Evaluation<T>(x, y)), actual = nodes.Accept(new Evaluation<T>(x, y));
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.True(expected[i].Equals(actual[i]) || (double.IsNaN(expected[i]) && double.IsNaN(actual[i])),
                        $"{formula} over {typeof(T).Name} at ({xs[first]}, {ys[first]}): emitted {expected[i]:R}, node structs {actual[i]:R} (value {i % 3} of lane {i / 3})");
                }
            }
        }
    }

    private static T Load<T>(ReadOnlySpan<double> values) where T : struct, IReal<T> =>
        typeof(T) == typeof(Lanes8F32) ? (T)(object)Lanes8F32.FromLanes(values) : T.Of(values[0]);

    private static int GradientOperations(LandscapeEntry entry) => entry.Accept(new OperationCount());

    // Loss, ∂x, ∂y of every lane, as doubles.
    private sealed class Evaluation<T>(T x, T y) : ILandscapeVisitor<double[]> where T : struct, IReal<T>
    {
        public double[] Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape
        {
            T loss = landscape.Loss(x, y);
            landscape.Gradient(x, y, out T gradientX, out T gradientY);
            return [.. Enumerable.Range(0, T.LaneCount).SelectMany(lane => new[] { T.GetLane(loss, lane), T.GetLane(gradientX, lane), T.GetLane(gradientY, lane) })];
        }
    }

    private sealed class OperationCount : ILandscapeVisitor<int>
    {
        public int Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape
        {
            FlopCountingReal.Reset();
            landscape.Gradient(new FlopCountingReal(0.3), new FlopCountingReal(0.7), out _, out _);
            return (int)FlopCountingReal.Operations;
        }
    }

    private sealed class LandscapeTypeOf : ILandscapeVisitor<Type>
    {
        public Type Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape => typeof(TLandscape);
    }
}
