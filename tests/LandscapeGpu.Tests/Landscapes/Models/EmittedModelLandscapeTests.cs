using System.Globalization;
using System.Runtime.Intrinsics;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Models;

namespace LandscapeGpu.Tests.Landscapes.Models;

/// <summary>
/// The 2-D model landscape as generated IL (rows in the inner loop, symbolic derivatives) against the node structs
/// differentiated row by row through Dual and HyperDual numbers: the float64 reference it replaces.
/// </summary>
public sealed class EmittedModelLandscapeTests
{
    private const int Seed = 1616;

    // Symbolic and forward-mode derivatives of the same float64 sums group their products differently: a few ulps of
    // the largest term per row, relative to the gradient's size (at least 1).
    private const double GradientTolerance = 1e-11;

    // The generated loop sums the even rows and the odd rows apart and adds the two sums at the end; the node structs
    // sum row by row. The same per-row values, added in another order: a few ulps of the sum for each of up to 61
    // nonnegative rows (61 · 2.2e-16 ≈ 1.4e-14), relative to the value's size (at least 1), with room to spare.
    private const double ReorderTolerance = 1e-13;

    // float32 SIMD lanes against float64: 6e-8 per operation, through tanh or sin and a few dozen operations per row,
    // summed over up to 61 rows.
    private const double Float32Tolerance = 2e-4;

    public static TheoryData<string, string, string, string> Models => new()
    {
        { "w2*tanh(w1*x)", "tanh", "", "" },
        { "w3*tanh(w1*x + w2)", "tanh", "w1,w3", "w2=0.5" },
        { "w3*tanh(w1*x + w2)", "tanh", "w3,w2", "w1=1.5" },
        { "w1*x + w2", "line", "", "" },
        { "w2*sin(w1*x)", "sine", "", "" },
        { "w1*sin(2*x) + 0.25", "sine", "", "" },
        { "w1*relu(x) + abs(w2 - x)^1.5 / (1 + w1^2) + max(w2*x, 0.1)", "sine", "", "" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Emitted_AllResidualLosses_MatchTheDualNodeStructs(string model, string data, string free, string fixedText)
    {
        var random = new Random(Seed);
        foreach (ResidualLossKind loss in Enum.GetValues<ResidualLossKind>())
        {
            ModelSpec spec = Spec(model, data, free, fixedText, loss);
            LandscapeEntry emitted = ModelLandscapes.Create(spec);
            LandscapeEntry automatic = ModelLandscapes.Create(spec, FormulaGradientChoice.Automatic);
            Assert.StartsWith("LandscapeGpu.EmittedModels.", emitted.Accept(new TypeName()), StringComparison.Ordinal);
            Assert.DoesNotContain("EmittedModels", automatic.Accept(new TypeName()), StringComparison.Ordinal);
            Assert.Equal((automatic.Info.Formula, automatic.Info.Note, automatic.Info.Dimensions), (emitted.Info.Formula, emitted.Info.Note, emitted.Info.Dimensions));
            for (int trial = 0; trial < 4; trial++)
            {
                double x = Math.Round(random.NextDouble() * 6 - 3, 3), y = emitted.Info.Dimensions == 1 ? 0 : Math.Round(random.NextDouble() * 6 - 3, 3);
                (double Loss, double X, double Y) expected = automatic.Accept(new GradientAt(x, y));
                (double Loss, double X, double Y) actual = emitted.Accept(new GradientAt(x, y));
                string where = $"{loss} at ({x}, {y})";

                // The same per-row operations, the rows summed in pairs: the node structs' loss to a few ulps.
                Assert.True(
                    Math.Abs(expected.Loss - actual.Loss) <= ReorderTolerance * Math.Max(1, Math.Abs(expected.Loss)),
                    $"loss, {where}: expected {expected.Loss:R}, got {actual.Loss:R}");
                double scale = Math.Max(1, Math.Max(Math.Abs(expected.X), Math.Abs(expected.Y)));
                Assert.True(Math.Abs(expected.X - actual.X) <= GradientTolerance * scale, $"x-gradient, {where}: expected {expected.X:R}, got {actual.X:R}");
                Assert.True(Math.Abs(expected.Y - actual.Y) <= GradientTolerance * scale, $"y-gradient, {where}: expected {expected.Y:R}, got {actual.Y:R}");
                if (emitted.Info.Dimensions == 1)
                {
                    Assert.Equal(0, actual.Y);
                }

                // Newton's second derivatives run the generated loss over HyperDual: the same per-row operations as the
                // node structs, the rows summed in pairs; the second derivatives' row terms have either sign, so the
                // scale is the largest entry (at least 1), as for the gradient.
                double[] expectedSecond = Entries(automatic.Accept(new SecondOrderAt(x, y)));
                double[] actualSecond = Entries(emitted.Accept(new SecondOrderAt(x, y)));
                double secondScale = Math.Max(1, expectedSecond.Max(Math.Abs));
                for (int entry = 0; entry < expectedSecond.Length; entry++)
                {
                    Assert.True(
                        Math.Abs(expectedSecond[entry] - actualSecond[entry]) <= ReorderTolerance * secondScale,
                        $"second-order entry {entry}, {where}: expected {expectedSecond[entry]:R}, got {actualSecond[entry]:R}");
                }
            }
        }
    }

    // Our tanh in float64 against Math.Tanh, through a few operations per row: a few ulps of the loss and gradient.
    private const double RowCountTolerance = 1e-13;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Emitted_AnyRowCount_MatchesAFloat64Reference(int rows)
    {
        // The loop takes rows in pairs, an odd count's first row before it: every row counted once, whatever the count.
        // The offset makes a row of zeros (memory past the data) count: its residual is 0.25.
        DataSet tanh = DataSets.Load("tanh");
        double[] values = tanh.Values.Take(rows * 2).ToArray();
        var data = new DataSet("first rows", ["x", "y"], values);
        LandscapeEntry emitted = ModelLandscapes.Create(new ModelSpec("w2*tanh(w1*x) + 0.25", data, ResidualLossKind.Mse, null, null));
        (double w1, double w2) = (1.2, -0.7);
        double loss = 0, gradient1 = 0, gradient2 = 0;
        for (int r = 0; r < rows; r++)
        {
            double x = values[2 * r], y = values[(2 * r) + 1], tanhValue = Math.Tanh(w1 * x), residual = (w2 * tanhValue) + 0.25 - y;
            loss += residual * residual;
            gradient1 += 2 * residual * w2 * x * (1 - (tanhValue * tanhValue));
            gradient2 += 2 * residual * tanhValue;
        }

        (double Loss, double X, double Y) actual = emitted.Accept(new GradientAt(w1, w2));
        Assert.True(Math.Abs((loss / rows) - actual.Loss) <= RowCountTolerance * Math.Max(1, loss / rows), $"loss: expected {loss / rows:R}, got {actual.Loss:R}");
        Assert.True(Math.Abs((gradient1 / rows) - actual.X) <= RowCountTolerance * Math.Max(1, Math.Abs(gradient1 / rows)), $"w1: expected {gradient1 / rows:R}, got {actual.X:R}");
        Assert.True(Math.Abs((gradient2 / rows) - actual.Y) <= RowCountTolerance * Math.Max(1, Math.Abs(gradient2 / rows)), $"w2: expected {gradient2 / rows:R}, got {actual.Y:R}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Emitted_Float32Lanes_AgreeWithFloat64(string model, string data, string free, string fixedText)
    {
        LandscapeEntry emitted = ModelLandscapes.Create(Spec(model, data, free, fixedText, ResidualLossKind.Mse));
        var random = new Random(Seed + 1);
        float[] xs = Enumerable.Range(0, 8).Select(_ => (float)Math.Round(random.NextDouble() * 6 - 3, 3)).ToArray();
        float[] ys = Enumerable.Range(0, 8).Select(_ => emitted.Info.Dimensions == 1 ? 0f : (float)Math.Round(random.NextDouble() * 6 - 3, 3)).ToArray();
        (Lanes8F32 loss, Lanes8F32 gradientX, Lanes8F32 gradientY) = emitted.Accept(new LanesAt(xs, ys));
        for (int lane = 0; lane < 8; lane++)
        {
            (double Loss, double X, double Y) expected = emitted.Accept(new GradientAt(xs[lane], ys[lane]));
            double scale = Math.Max(1, Math.Max(Math.Abs(expected.Loss), Math.Max(Math.Abs(expected.X), Math.Abs(expected.Y))));
            Assert.True(Math.Abs(expected.Loss - Lanes8F32.GetLane(loss, lane)) <= Float32Tolerance * scale, $"loss, lane {lane}");
            Assert.True(Math.Abs(expected.X - Lanes8F32.GetLane(gradientX, lane)) <= Float32Tolerance * scale, $"x-gradient, lane {lane}");
            Assert.True(Math.Abs(expected.Y - Lanes8F32.GetLane(gradientY, lane)) <= Float32Tolerance * scale, $"y-gradient, lane {lane}");
        }
    }

    private static double[] Entries((double, double, double, double, double, double) d) => [d.Item1, d.Item2, d.Item3, d.Item4, d.Item5, d.Item6];

    private static ModelSpec Spec(string model, string data, string free, string fixedText, ResidualLossKind loss) => new(
        model,
        DataSets.Load(data),
        loss,
        free.Length == 0 ? null : free.Split(','),
        fixedText.Length == 0 ? null : fixedText.Split(',').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => double.Parse(pair[1], CultureInfo.InvariantCulture)));

    private sealed class TypeName : ILandscapeVisitor<string>
    {
        public string Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape => typeof(TLandscape).FullName!;
    }

    private sealed class GradientAt(double x, double y) : ILandscapeVisitor<(double, double, double)>
    {
        public (double, double, double) Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape
        {
            landscape.Gradient(new Real64(x), new Real64(y), out Real64 gradientX, out Real64 gradientY);
            return (landscape.Loss(new Real64(x), new Real64(y)).Value, gradientX.Value, gradientY.Value);
        }
    }

    private sealed class SecondOrderAt(double x, double y) : ILandscapeVisitor<(double, double, double, double, double, double)>
    {
        public (double, double, double, double, double, double) Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape
        {
            HyperDual<Real64> d = Derivatives.SecondOrder(landscape, new Real64(x), new Real64(y));
            return (d.Value.Value, d.Dx.Value, d.Dy.Value, d.Dxx.Value, d.Dxy.Value, d.Dyy.Value);
        }
    }

    private sealed class LanesAt(float[] xs, float[] ys) : ILandscapeVisitor<(Lanes8F32, Lanes8F32, Lanes8F32)>
    {
        public (Lanes8F32, Lanes8F32, Lanes8F32) Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape
        {
            var x = new Lanes8F32(Vector256.Create(xs));
            var y = new Lanes8F32(Vector256.Create(ys));
            landscape.Gradient(x, y, out Lanes8F32 gradientX, out Lanes8F32 gradientY);
            return (landscape.Loss(x, y), gradientX, gradientY);
        }
    }
}
