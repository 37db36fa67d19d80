using LandscapeGpu.Basins.WeightSpace;

namespace LandscapeGpu.Tests.Basins.WeightSpace;

public sealed class SymmetricEigenTests
{
    /// <summary>Reconstruction and orthogonality: Jacobi is backward stable to a small multiple of float64's 1.1e-16 times the norm.</summary>
    private const double Tolerance = 1e-13;

    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(16)]
    public void Decompose_RandomSymmetricMatrix_ReconstructsItFromOrthonormalVectors(int n)
    {
        var random = new Random(n);
        var a = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                a[i * n + j] = a[j * n + i] = 2 * random.NextDouble() - 1;
            }
        }

        var values = new double[n];
        var vectors = new double[n * n];
        Assert.True(SymmetricEigen.Decompose(a, n, values, vectors));

        double norm = Math.Sqrt(a.Sum(x => x * x));
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double rebuilt = 0, dot = 0;
                for (int k = 0; k < n; k++)
                {
                    rebuilt += vectors[i * n + k] * values[k] * vectors[j * n + k];
                    dot += vectors[k * n + i] * vectors[k * n + j];
                }

                Assert.True(Math.Abs(rebuilt - a[i * n + j]) <= Tolerance * norm, $"entry ({i}, {j}): {rebuilt} vs {a[i * n + j]}");
                Assert.True(Math.Abs(dot - (i == j ? 1 : 0)) <= Tolerance, $"vectors {i}, {j}: dot {dot}");
            }
        }

        Assert.Equal(values.Order(), values);
        Assert.Equal(Enumerable.Range(0, n).Sum(i => a[i * n + i]), values.Sum(), 1e-12);
    }

    [Fact]
    public void Decompose_TwoByTwo_MatchesTheClosedForm()
    {
        // [[2, 1], [1, 2]]: eigenvalues 1 and 3, vectors (1, -1) and (1, 1) over √2.
        var values = new double[2];
        var vectors = new double[4];
        SymmetricEigen.Decompose([2, 1, 1, 2], 2, values, vectors);

        Assert.Equal(1, values[0], 1e-15);
        Assert.Equal(3, values[1], 1e-15);
        Assert.Equal(0, vectors[0] + vectors[2], 1e-15);
        Assert.Equal(0, vectors[1] - vectors[3], 1e-15);
    }

    [Fact]
    public void Decompose_NonFiniteEntry_ReturnsFalseWithNaNs()
    {
        var values = new double[2];

        Assert.False(SymmetricEigen.Decompose([1, double.NaN, double.NaN, 1], 2, values, []));
        Assert.All(values, v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Decompose_ZeroEigenvalueBesideLargeOnes_IsFoundToRoundingOfTheNorm()
    {
        // A rank-2 matrix in 3 weights: u uᵀ + 1e4 v vᵀ with u ⟂ v; the third eigenvalue is exactly 0.
        double[] u = [1, 2, 2], v = [2, 1, -2];
        var a = new double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                a[i * 3 + j] = u[i] * u[j] / 9 + 1e4 * v[i] * v[j] / 9;
            }
        }

        double[] values = SymmetricEigen.Eigenvalues(a, 3);

        Assert.True(Math.Abs(values[0]) <= 1e4 * 1e-14, $"zero eigenvalue came out {values[0]}");
        Assert.Equal(1, values[1], 1e-10);
        Assert.Equal(1e4, values[2], 1e-8);
    }
}
