using LandscapeGpu.Arithmetic;
using LandscapeGpu.Weights;
using Xunit;

namespace LandscapeGpu.Tests.Weights;

/// <summary>The generated weight vectors and symmetric matrices keep every entry apart and compute in index order.</summary>
public class WeightTypesTests
{
    [Fact]
    public void Vectors_EveryEntry_RoundTripsAndMapsAndDots()
    {
        Check<Weights4<Real64>>();
        Check<Weights8<Real64>>();
        Check<Weights16<Real64>>();
    }

    [Fact]
    public void SymmetricMatrices_EveryEntry_RoundTripsInEitherOrder()
    {
        CheckSymmetric<SymmetricWeights4<Real64>>();
        CheckSymmetric<SymmetricWeights8<Real64>>();
        CheckSymmetric<SymmetricWeights16<Real64>>();
    }

    private static void Check<TWeights>() where TWeights : struct, IWeights<Real64, TWeights>
    {
        TWeights a = default, b = default;
        double expectedDot = 0;
        for (int k = 0; k < TWeights.Capacity; k++)
        {
            TWeights.Set(ref a, k, Real64.Of(k + 1.5));
            TWeights.Set(ref b, k, Real64.Of(-2.0 * k + 0.25));
            expectedDot += (k + 1.5) * (-2.0 * k + 0.25);
        }

        TWeights sum = TWeights.Map(a, b, a, default(AddTwiceFirst));
        for (int k = 0; k < TWeights.Capacity; k++)
        {
            Assert.Equal(k + 1.5, Real64.GetLane(TWeights.Get(a, k), 0));
            Assert.Equal(2 * (k + 1.5) + (-2.0 * k + 0.25), Real64.GetLane(TWeights.Get(sum, k), 0));
        }

        Assert.Equal(expectedDot, Real64.GetLane(TWeights.Dot(a, b), 0), 12);
        Assert.Equal(0, Real64.GetLane(TWeights.Get(a, TWeights.Capacity), 0));
    }

    private static void CheckSymmetric<TMatrix>() where TMatrix : struct, ISymmetricWeights<Real64, TMatrix>
    {
        TMatrix matrix = default;
        int n = TMatrix.Capacity;
        for (int row = 0; row < n; row++)
        {
            for (int column = row; column < n; column++)
            {
                TMatrix.Set(ref matrix, row, column, Real64.Of((100 * row) + column));
            }
        }

        for (int row = 0; row < n; row++)
        {
            for (int column = 0; column < n; column++)
            {
                double expected = (100 * Math.Min(row, column)) + Math.Max(row, column);
                Assert.Equal(expected, Real64.GetLane(TMatrix.Get(matrix, row, column), 0));
            }
        }
    }

    private readonly struct AddTwiceFirst : IWeightOperation<Real64>
    {
        public Real64 Apply(Real64 a, Real64 b, Real64 c) => a + b + c;
    }
}
