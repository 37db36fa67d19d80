using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Models;

namespace LandscapeGpu.Tests.Landscapes.Models;

public sealed class SymbolicModelGradientTests
{
    // Both gradients are exact sums over the rows; they differ only in the order of float64 roundings.
    private const double AgreementTolerance = 1e-12;

    [Theory]
    [InlineData("w2*tanh(w1*x)", "tanh", "mse", null)]
    [InlineData("w2*tanh(w1*x)", "tanh", "mae", null)]
    [InlineData("w2*tanh(w1*x)", "tanh", "logcosh", null)]
    [InlineData("w1*x + w2", "line", "logcosh", null)]
    [InlineData("w2*sin(w1*x)", "sine", "mse", null)]
    [InlineData("w3*tanh(w1*x + w2) + relu(w1 - x)*sigmoid(w3)", "tanh", "mse", "0.5")]
    [InlineData("w1*x^2 + exp(-w1^2)*abs(x)", "sine", "mae", null)]
    public void Gradient_AtRandomWeights_AgreesWithAutomaticDifferentiationOfTheLoss(string model, string data, string loss, string? fixedW2)
    {
        Dictionary<string, double>? fix = fixedW2 is null ? null : new() { ["w2"] = double.Parse(fixedW2, System.Globalization.CultureInfo.InvariantCulture) };
        var spec = new ModelSpec(model, DataSets.Load(data), ResidualLossKinds.Parse(loss), fixedW2 is null ? null : ["w1", "w3"], fix);
        LandscapeEntry symbolic = ModelLandscapes.Create(spec);
        Assert.Equal(typeof(SymbolicModelGradient<,>), symbolic.Accept(new LandscapeTypeOf()).GetGenericArguments()[2].GetGenericTypeDefinition());
        LandscapeProbe symbolicProbe = LandscapeProbe.For(symbolic), automaticProbe = LandscapeProbe.For(ModelLandscapes.Create(spec, symbolicGradient: false));
        var random = new Random(31);
        for (int i = 0; i < 20; i++)
        {
            double x = -3 + 6 * random.NextDouble(), y = -3 + 6 * random.NextDouble();
            (double X, double Y) expected = automaticProbe.Gradient(x, y), actual = symbolicProbe.Gradient(x, y);
            double scale = 1 + Math.Abs(expected.X) + Math.Abs(expected.Y);
            Assert.True(Math.Abs(actual.X - expected.X) <= AgreementTolerance * scale, $"{model} ({loss}) d/dx at ({x}, {y}): symbolic {actual.X}, automatic {expected.X}");
            Assert.True(Math.Abs(actual.Y - expected.Y) <= AgreementTolerance * scale, $"{model} ({loss}) d/dy at ({x}, {y}): symbolic {actual.Y}, automatic {expected.Y}");
        }
    }

    private sealed class LandscapeTypeOf : ILandscapeVisitor<Type>
    {
        public Type Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape => typeof(TLandscape);
    }
}
