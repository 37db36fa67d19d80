using LandscapeGpu.Arithmetic;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Weights;

public sealed class XorNetworkTests
{
    // Central differences with h = 1e-6 on a loss of order 1: truncation about h², rounding about 1e-16/h.
    private const double DifferenceTolerance = 1e-8;

    [Fact]
    public void Gradient_MatchesCentralDifferencesOfTheLoss()
    {
        var random = new Random(14);
        var model = default(XorNetwork);
        for (int trial = 0; trial < 10; trial++)
        {
            var weights = default(Weights16<Real64>);
            for (int k = 0; k < 9; k++)
            {
                Weights16<Real64>.Set(ref weights, k, Real64.Of(random.NextDouble() * 4 - 2));
            }

            model.Gradient<Real64, Weights16<Real64>>(weights, out Weights16<Real64> gradient);
            for (int k = 0; k < 16; k++)
            {
                double expected = 0;
                if (k < 9)
                {
                    const double h = 1e-6;
                    Weights16<Real64> up = weights, down = weights;
                    Weights16<Real64>.Set(ref up, k, Real64.Of(Weights16<Real64>.Get(weights, k).Value + h));
                    Weights16<Real64>.Set(ref down, k, Real64.Of(Weights16<Real64>.Get(weights, k).Value - h));
                    expected = (model.Loss<Real64, Weights16<Real64>>(up).Value - model.Loss<Real64, Weights16<Real64>>(down).Value) / (2 * h);
                }

                Assert.True(Math.Abs(Weights16<Real64>.Get(gradient, k).Value - expected) < DifferenceTolerance,
                    $"trial {trial}, weight {k}: {Weights16<Real64>.Get(gradient, k).Value:R} but the loss's differences give {expected:R}");
            }
        }
    }
}
