using LandscapeGpu.Basins;
using LandscapeGpu.Basins.WeightSpace;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Tests.Basins.WeightSpace;

public sealed class WeightSpaceRefinementTests
{
    [Fact]
    public void Newton_NearTheSaddle_ConvergesOntoItExactly()
    {
        double[] point = [0.04, 0.97, 0.03];

        Assert.True(WeightSpaceRefinement.Newton(new CoupledWells(), point, 0.5));

        Assert.Equal(0, point[0], 1e-15);
        Assert.Equal(1, point[1], 1e-15);
        Assert.Equal(0, point[2], 1e-15);
    }

    [Fact]
    public void Newton_StationaryPointFartherThanAllowed_Fails()
    {
        // From (0.6, 0.6, 0), Newton heads for a point more than 0.01 away in some weight.
        Assert.False(WeightSpaceRefinement.Newton(new CoupledWells(), [0.6, 0.6, 0], 0.01));
    }

    [Fact]
    public void Newton_OnAValley_FailsButProjectionLandsOnIt()
    {
        var function = new HyperbolaValley();
        double[] point = [1.3, 0.9, 0.2];

        Assert.True(WeightSpaceRefinement.Project(function, point, 1, 2));

        Assert.Equal(1, point[0] * point[1], 1e-13);
        Assert.Equal(0, point[2], 1e-13);
        Assert.True(WeightSpaceRefinement.IsStationary(function, point, 2));
    }

    [Fact]
    public void FlatDirections_ValleyPlateauAndIsolatedPoint_CountTheZeroEigenvalues()
    {
        Assert.Equal(0, WeightSpaceRefinement.FlatDirections([1, 2, 3], 0, 1));
        // Below 1e-6 of the stiffest: flat (Curvature.FlatRelative).
        Assert.Equal(1, WeightSpaceRefinement.FlatDirections([1e-9, 2, 3], 0, 1));
        Assert.Equal(2, WeightSpaceRefinement.FlatDirections([-1e-7, 1e-7, 3], 0, 1));
        // All below the absolute threshold 1e-12 (1 + |f|) / s²: a plateau.
        Assert.Equal(3, WeightSpaceRefinement.FlatDirections([0, 1e-14, -1e-14], 0, 1));
    }

    [Fact]
    public void Classify_EigenvalueSigns_GiveTheKind()
    {
        Assert.Equal(StationaryKind.Minimum, WeightSpaceRefinement.Classify([1e-12, 1, 2]));
        Assert.Equal(StationaryKind.Saddle, WeightSpaceRefinement.Classify([-1, 1, 2]));
        Assert.Equal(StationaryKind.Maximum, WeightSpaceRefinement.Classify([-3, -1, 1e-12]));
        Assert.Equal(StationaryKind.Saddle, WeightSpaceRefinement.ClassifyStiff([-1, 0, 2], 1e-6));
        Assert.Equal(StationaryKind.Maximum, WeightSpaceRefinement.ClassifyStiff([-1, 0, 0], 1e-6));
        Assert.Equal(StationaryKind.Minimum, WeightSpaceRefinement.ClassifyStiff([0, 0, 0], double.PositiveInfinity));
    }

    [Fact]
    public void Resolve_AttractorWithNaNLoss_IsOrderedLastAndUndefined()
    {
        var catalog = new WeightSpaceCatalog(new NaNBeyondTwo(), WeightSpaceGrid.For(1, new Box(-4, 4, -4, 4), 8, 8));
        catalog.Add([3.0, 0.0], [DescentOutcome.Converged, DescentOutcome.Converged], [1, 1], new int[2]);

        IReadOnlyList<WeightSpaceAttractor> attractors = catalog.Resolve().Attractors;

        Assert.Equal(2, attractors.Count);
        Assert.Equal(0, attractors[0].Weights[0], 1e-15);
        Assert.True(attractors[0].IsGlobal);
        Assert.True(double.IsNaN(attractors[1].Loss));
        Assert.Equal("undefined", attractors[1].KindName);
        Assert.False(attractors[1].IsGlobal);
    }

    /// <summary>f(w) = w² for w below 2, NaN beyond (a loss like log of a negative number).</summary>
    private sealed class NaNBeyondTwo : IWeightSpaceFunction
    {
        public int Dimension => 1;

        public double Loss(ReadOnlySpan<double> w) => w[0] < 2 ? w[0] * w[0] : double.NaN;

        public void Gradient(ReadOnlySpan<double> w, Span<double> g) => g[0] = w[0] < 2 ? 2 * w[0] : double.NaN;

        public void Hessian(ReadOnlySpan<double> w, Span<double> h) => h[0] = w[0] < 2 ? 2 : double.NaN;
    }
}
