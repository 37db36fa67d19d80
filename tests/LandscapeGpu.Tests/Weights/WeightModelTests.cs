using System.Runtime.Intrinsics;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Weights;

/// <summary>
/// The generated K-weight model code (WeightModels, ModelEmitter) against a float64 reference computed another way:
/// for each pair of trained weights, the 2-D model landscape of that pair, the others fixed, run as node structs
/// through HyperDual (forward-mode exact first and second derivatives of every row).
/// </summary>
public sealed class WeightModelTests
{
    private const int Seed = 1414;

    // The generated loss and the node structs' compute the same operations, except that the sum's order is the same
    // and the operations round alike: only the reference's way of reaching a fixed weight (a constant) differs.
    private const double LossTolerance = 1e-13;

    // Symbolic and forward-mode derivatives of the same float64 sums group their products differently: a few ulps of
    // the largest term per row, over at most 41 rows.
    private const double DerivativeTolerance = 1e-10;

    // float32 against float64, both from the same generated code: float32's 6e-8 rounding per operation, through tanh
    // and a few dozen operations per row, summed over 41 rows; relative to the largest entry's size (at least 1).
    private const double Float32Tolerance = 2e-4;

    // Four float64 lanes fuse their multiply-adds where Real64 does not: a few ulps.
    private const double LaneTolerance = 1e-12;

    public static TheoryData<string, string, string, string> Models => new()
    {
        { "w2*tanh(w1*x)", "tanh", "w1,w2", "" },
        { "w3*tanh(w1*x + w2)", "tanh", "w1,w2,w3", "" },
        { "w3*tanh(w1*x + w2)", "tanh", "w3,w1", "w2=0.25" },
        { Xor, "xor", "w1,w2,w3,w4,w5,w6,w7,w8,w9", "" },
        { "w1*exp(-w2*x^2) + w3/(1 + w4^2*x^2) + sigmoid(w1*x)*softplus(w2) + sin(w3*x)^3", "sine", "w1,w2,w3,w4", "" },
    };

    public const string Xor = "w7*tanh(w1*x1 + w2*x2 + w3) + w8*tanh(w4*x1 + w5*x2 + w6) + w9";

    [Theory]
    [MemberData(nameof(Models))]
    public void Generated_AllResidualLosses_MatchTheHyperDualReference(string model, string data, string trained, string fixedText)
    {
        var random = new Random(Seed);
        foreach (ResidualLossKind loss in Enum.GetValues<ResidualLossKind>())
        {
            WeightModelSpec spec = Spec(model, data, trained, fixedText, loss);
            WeightModelEntry entry = WeightModels.Create(spec);
            IWeightSpaceFunction function = entry.Function;
            int count = entry.Count;
            Assert.Equal(trained.Split(','), entry.Trained);
            for (int trial = 0; trial < 3; trial++)
            {
                double[] weights = RandomWeights(random, count);
                (double referenceLoss, double[] referenceGradient, double[] referenceHessian) = Reference(spec, entry.Trained, weights);
                double[] gradient = new double[count], hessian = new double[count * count];
                function.Gradient(weights, gradient);
                function.Hessian(weights, hessian);
                string where = $"{loss} at ({string.Join(", ", weights)})";
                AssertClose(referenceLoss, function.Loss(weights), LossTolerance, $"loss, {where}");
                AssertAllClose(referenceGradient, gradient, DerivativeTolerance, $"gradient, {where}");
                AssertAllClose(referenceHessian, hessian, DerivativeTolerance, $"Hessian, {where}");
            }
        }
    }

    [Fact]
    public void Generated_AgainstCentralDifferences_OfAHandWrittenXorLoss()
    {
        // A reference that shares no code with the generator: the network and its mean squared error written out here.
        DataSet xor = DataSets.Load("xor");
        WeightModelEntry entry = WeightModels.Create(new WeightModelSpec(Xor, xor));
        Assert.Equal(9, entry.Count);
        Assert.Equal(16, entry.Capacity);
        double HandLoss(double[] w)
        {
            double sum = 0;
            for (int row = 0; row < xor.Rows; row++)
            {
                double x1 = xor.Values[row * 3], x2 = xor.Values[row * 3 + 1], y = xor.Values[row * 3 + 2];
                double prediction = w[6] * Math.Tanh(w[0] * x1 + w[1] * x2 + w[2]) + w[7] * Math.Tanh(w[3] * x1 + w[4] * x2 + w[5]) + w[8];
                sum += (prediction - y) * (prediction - y);
            }

            return sum / xor.Rows;
        }

        var random = new Random(Seed + 1);
        double[] weights = RandomWeights(random, 9);
        Assert.Equal(HandLoss(weights), entry.Function.Loss(weights), 1e-14);
        double[] gradient = new double[9], hessian = new double[81];
        entry.Function.Gradient(weights, gradient);
        entry.Function.Hessian(weights, hessian);

        // Central differences: error of order h² times the third derivative (about 1e-8 at h = 1e-4), plus rounding.
        const double step = 1e-4, differenceTolerance = 1e-6;
        for (int k = 0; k < 9; k++)
        {
            double[] plus = (double[])weights.Clone(), minus = (double[])weights.Clone();
            plus[k] += step;
            minus[k] -= step;
            Assert.Equal((HandLoss(plus) - HandLoss(minus)) / (2 * step), gradient[k], differenceTolerance);
            double[] gradientPlus = new double[9], gradientMinus = new double[9];
            entry.Function.Gradient(plus, gradientPlus);
            entry.Function.Gradient(minus, gradientMinus);
            for (int l = 0; l < 9; l++)
            {
                Assert.Equal((gradientPlus[l] - gradientMinus[l]) / (2 * step), hessian[k * 9 + l], differenceTolerance);
                Assert.Equal(hessian[k * 9 + l], hessian[l * 9 + k]);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Float32AndSimdLanes_AgreeWithFloat64(string model, string data, string trained, string fixedText)
    {
        WeightModelEntry entry = WeightModels.Create(Spec(model, data, trained, fixedText, ResidualLossKind.LogCosh));
        var random = new Random(Seed + 2);
        double[][] starts = Enumerable.Range(0, 8).Select(_ => RandomWeights(random, entry.Count)).ToArray();
        entry.Accept(new LaneCheck(entry.Function, starts));
    }

    [Fact]
    public void Create_NoTrainedList_TrainsEveryWeightWithoutAValueInOrder()
    {
        WeightModelEntry entry = WeightModels.Create(new WeightModelSpec("w10*x + w2*tanh(w1*x) + w3", DataSets.Load("tanh"),
            Fixed: new Dictionary<string, double> { ["w3"] = 0.5 }));
        Assert.Equal(["w1", "w2", "w10"], entry.Trained);
        Assert.Equal(4, entry.Capacity);
        Assert.Equal(0.5, entry.Fixed["w3"]);
        Assert.Equal("mse((w10*x + w2*tanh(w1*x) + w3) - y) over tanh (41 rows) in w1, w2, w10; fixed w3=0.5", entry.Description);
        Assert.Equal(3, entry.Function.Dimension);
    }

    [Theory]
    [InlineData("w2*tanh(w1*x)", "w1", "", "weight w2 is neither trained nor fixed: add it to {train} or give a value with {fix} w2=VALUE", "w2")]
    [InlineData("w2*tanh(w1*x)", "w1,w3", "w2=1", "{train} w3: the model has no weight 'w3'; its weights: w1, w2", "w3")]
    [InlineData("w2*tanh(w1*x)", "w1,w2", "w2=1", "{train} w2: the weight is also given a value with {fix}", "w2")]
    [InlineData("w2*tanh(w1*x)", "w1,w1,w2", "", "{train} w1,w1,w2: a weight is named twice", "w1,w1,w2")]
    [InlineData("w2*tanh(w1*x)", "", "w1=1,w2=2", "the model 'w2*tanh(w1*x)' has no weight to train (weights are named w1, w2, ...)", "")]
    [InlineData("w2*tanh(w1*x)", "w1,w2", "w9=1", "{fix} w9: the model has no weight 'w9'; its weights: w1, w2", "w9")]
    public void Create_BadTrainedOrFixed_SaysWhichAndWhy(string model, string trained, string fixedText, string template, string value)
    {
        var error = Assert.Throws<InvalidParameterException>(() => WeightModels.Create(Spec(model, "tanh", trained, fixedText, ResidualLossKind.Mse)));
        Assert.Equal(template, error.Template);
        Assert.Equal(value, error.Value);
    }

    [Fact]
    public void Create_SeventeenWeights_IsRefused()
    {
        string model = string.Join(" + ", Enumerable.Range(1, 17).Select(k => $"w{k}*x^{k % 3}"));
        var error = Assert.Throws<InvalidParameterException>(() => WeightModels.Create(new WeightModelSpec(model, DataSets.Load("tanh"))));
        Assert.Equal("{train} names 17 weights; at most 16 can be trained", error.Template);
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(4, 4)]
    [InlineData(5, 8)]
    [InlineData(9, 16)]
    [InlineData(16, 16)]
    public void CapacityFor_Count_IsTheSmallestVectorThatHoldsIt(int count, int capacity) =>
        Assert.Equal(capacity, WeightModels.CapacityFor(count));

    internal static WeightModelSpec Spec(string model, string data, string trained, string fixedText, ResidualLossKind loss) => new(
        model,
        DataSets.Load(data),
        loss,
        trained.Length == 0 ? [] : trained.Split(','),
        fixedText.Length == 0 ? null : fixedText.Split(',').Select(pair => pair.Split('=')).ToDictionary(pair => pair[0], pair => double.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture)));

    internal static double[] RandomWeights(Random random, int count) =>
        Enumerable.Range(0, count).Select(_ => Math.Round(random.NextDouble() * 3 - 1.5, 3)).ToArray();

    // Loss, gradient and row-major Hessian from the 2-D model landscapes of each pair of trained weights, as node
    // structs over HyperDual<Real64>.
    private static (double Loss, double[] Gradient, double[] Hessian) Reference(WeightModelSpec spec, IReadOnlyList<string> trained, double[] weights)
    {
        int count = trained.Count;
        var gradient = new double[count];
        var hessian = new double[count * count];
        double loss = double.NaN;
        for (int k = 0; k < count; k++)
        {
            for (int l = k; l < count; l++)
            {
                var fixedWeights = new Dictionary<string, double>(spec.Fixed ?? new Dictionary<string, double>());
                for (int other = 0; other < count; other++)
                {
                    if (other != k && other != l)
                    {
                        fixedWeights[trained[other]] = weights[other];
                    }
                }

                string[] free = k == l ? [trained[k]] : [trained[k], trained[l]];
                LandscapeEntry landscape = ModelLandscapes.Create(new ModelSpec(spec.Model, spec.Data, spec.Loss, free, fixedWeights), FormulaGradientChoice.Automatic);
                HyperDual<Real64> second = landscape.Accept(new SecondOrderAt(weights[k], k == l ? 0 : weights[l]));
                loss = second.Value.Value;
                gradient[k] = second.Dx.Value;
                hessian[k * count + k] = second.Dxx.Value;
                if (k != l)
                {
                    gradient[l] = second.Dy.Value;
                    hessian[k * count + l] = hessian[l * count + k] = second.Dxy.Value;
                    hessian[l * count + l] = second.Dyy.Value;
                }
            }
        }

        return (loss, gradient, hessian);
    }

    private static void AssertClose(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected:R}, got {actual:R}");

    private static void AssertAllClose(double[] expected, double[] actual, double tolerance, string what)
    {
        double scale = Math.Max(1, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance * scale, $"{what}, entry {i}: expected {expected[i]:R}, got {actual[i]:R}");
        }
    }

    private sealed class SecondOrderAt(double x, double y) : ILandscapeVisitor<HyperDual<Real64>>
    {
        public HyperDual<Real64> Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape =>
            Derivatives.SecondOrder(landscape, new Real64(x), new Real64(y));
    }

    // Runs the model over Real32, Lanes8F32 (eight starts at once) and Lanes4F64, against the float64 function.
    private sealed class LaneCheck(IWeightSpaceFunction function, double[][] starts) : IWeightModelVisitor<bool>
    {
        public bool Visit<TModel>(TModel model) where TModel : struct, IWeightModel
        {
            int count = model.Count;
            Weights16<Lanes8F32> lanes = default;
            Weights16<Lanes4F64> wide = default;
            for (int k = 0; k < count; k++)
            {
                Weights16<Lanes8F32>.Set(ref lanes, k, new Lanes8F32(Vector256.Create(starts.Select(start => (float)start[k]).ToArray())));
                Weights16<Lanes4F64>.Set(ref wide, k, new Lanes4F64(Vector256.Create(starts.Take(4).Select(start => start[k]).ToArray())));
            }

            Lanes8F32 laneLoss = model.Loss<Lanes8F32, Weights16<Lanes8F32>>(lanes);
            model.Gradient<Lanes8F32, Weights16<Lanes8F32>>(lanes, out Weights16<Lanes8F32> laneGradient);
            model.Hessian<Lanes8F32, Weights16<Lanes8F32>, SymmetricWeights16<Lanes8F32>>(lanes, out SymmetricWeights16<Lanes8F32> laneHessian);
            Lanes4F64 wideLoss = model.Loss<Lanes4F64, Weights16<Lanes4F64>>(wide);
            model.Gradient<Lanes4F64, Weights16<Lanes4F64>>(wide, out Weights16<Lanes4F64> wideGradient);
            for (int lane = 0; lane < 8; lane++)
            {
                // The float64 reference at the float32-rounded start, so only the arithmetic differs.
                double[] start = starts[lane].Select(value => (double)(float)value).ToArray();
                double loss = function.Loss(start);
                double[] gradient = new double[count], hessian = new double[count * count];
                function.Gradient(start, gradient);
                function.Hessian(start, hessian);

                Weights8<Real32> single = default;
                for (int k = 0; k < count && count <= 8; k++)
                {
                    Weights8<Real32>.Set(ref single, k, new Real32((float)start[k]));
                }

                string where = $"lane {lane}";
                AssertClose(loss, Lanes8F32.GetLane(laneLoss, lane), Float32Tolerance, $"Lanes8F32 loss, {where}");
                AssertAllClose(gradient, Enumerable.Range(0, count).Select(k => Lanes8F32.GetLane(Weights16<Lanes8F32>.Get(laneGradient, k), lane)).ToArray(),
                    Float32Tolerance, $"Lanes8F32 gradient, {where}");
                AssertAllClose(hessian, Enumerable.Range(0, count * count).Select(i => Lanes8F32.GetLane(SymmetricWeights16<Lanes8F32>.Get(laneHessian, i / count, i % count), lane)).ToArray(),
                    Float32Tolerance, $"Lanes8F32 Hessian, {where}");
                if (count <= 8)
                {
                    AssertClose(loss, model.Loss<Real32, Weights8<Real32>>(single).Value, Float32Tolerance, $"Real32 loss, {where}");
                    model.Gradient<Real32, Weights8<Real32>>(single, out Weights8<Real32> singleGradient);
                    AssertAllClose(gradient, Enumerable.Range(0, count).Select(k => (double)Weights8<Real32>.Get(singleGradient, k).Value).ToArray(),
                        Float32Tolerance, $"Real32 gradient, {where}");
                }

                if (lane < 4)
                {
                    double[] exact = starts[lane];
                    double[] exactGradient = new double[count];
                    function.Gradient(exact, exactGradient);
                    AssertClose(function.Loss(exact), Lanes4F64.GetLane(wideLoss, lane), LaneTolerance, $"Lanes4F64 loss, {where}");
                    AssertAllClose(exactGradient, Enumerable.Range(0, count).Select(k => Lanes4F64.GetLane(Weights16<Lanes4F64>.Get(wideGradient, k), lane)).ToArray(),
                        LaneTolerance, $"Lanes4F64 gradient, {where}");
                }

                for (int k = count; k < 16; k++)
                {
                    Assert.Equal(0, Lanes8F32.GetLane(Weights16<Lanes8F32>.Get(laneGradient, k), lane));
                }
            }

            return true;
        }
    }
}
