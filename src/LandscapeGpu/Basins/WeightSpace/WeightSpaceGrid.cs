using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Basins.WeightSpace;

/// <summary>
/// The bucket grid endpoints in the full K-dimensional weight space are quantised on: cubes of side
/// <see cref="BucketSize"/> anchored at <see cref="Origin"/>. It depends only on the run (the free weights' box and
/// grid), never on a tile or shard, so bucket coordinates from any part of a run mean the same cube.
/// </summary>
/// <param name="Origin">A corner of bucket (0, ..., 0), one entry per weight: K = its length.</param>
/// <param name="BucketSize">The side of every bucket.</param>
/// <param name="Reach">The scale of the weights (at least 1 is used): what "vanishing" gradients and curvatures are measured against.</param>
/// <param name="LinkRadius">How far apart two stationary points of a valley or plateau may be and still be linked directly.</param>
public sealed record WeightSpaceGrid(double[] Origin, double BucketSize, double Reach, double LinkRadius)
{
    /// <summary>
    /// The golden ratio's fractional part: bucket corners are shifted by multiples of it so that round weights (0, 1,
    /// 0.5, where symmetric models put their stationary points) do not lie on a bucket face in every dimension at
    /// once; an attractor on a face splits its endpoints into up to 2^K buckets, each refined alone.
    /// </summary>
    public const double CornerShift = 0.6180339887498949;

    /// <summary>The number of weights, K.</summary>
    public int Dimension => Origin.Length;

    /// <summary>
    /// The grid of a run whose starts cover <paramref name="box"/> (the two free weights' box) in
    /// <paramref name="width"/> × <paramref name="height"/> starts, in <paramref name="dimension"/> weights: buckets as
    /// wide as the 2-D map's (<see cref="BasinCatalog.BucketSizeOf"/>: a thousandth of the box), links as long as its
    /// (<see cref="BasinCatalog.LinkBuckets"/> buckets or <see cref="BasinCatalog.LinkSpacings"/> start spacings).
    /// </summary>
    public static WeightSpaceGrid For(int dimension, Box box, int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        double bucket = BasinCatalog.BucketSizeOf(box);
        var origin = new double[dimension];
        for (int k = 0; k < dimension; k++)
        {
            double shift = (k + 1) * CornerShift;
            origin[k] = -(shift - Math.Floor(shift)) * bucket;
        }

        double spacing = Math.Max(box.Width / width, box.Height / height);
        return new WeightSpaceGrid(origin, bucket, box.Reach, Math.Max(BasinCatalog.LinkBuckets * bucket, BasinCatalog.LinkSpacings * spacing)).Validated();
    }

    /// <summary>Checks that every number is finite and the sizes positive.</summary>
    /// <exception cref="ArgumentException">A value is not usable.</exception>
    public WeightSpaceGrid Validated()
    {
        ArgumentNullException.ThrowIfNull(Origin);
        if (Origin.Length == 0 || Origin.Any(o => !double.IsFinite(o)))
        {
            throw new ArgumentException($"a weight-space grid needs a finite origin of at least one weight; got [{string.Join(", ", Origin)}]", nameof(Origin));
        }

        if (!double.IsFinite(BucketSize) || BucketSize <= 0 || !double.IsFinite(Reach) || Reach < 0 || !double.IsFinite(LinkRadius) || LinkRadius < BucketSize)
        {
            throw new ArgumentException(
                $"a weight-space grid needs a positive bucket size, a reach of at least 0 and a link radius of at least one bucket; got {BucketSize}, {Reach} and {LinkRadius}");
        }

        return this;
    }

    /// <summary>Whether <paramref name="other"/> quantises weights exactly as this grid does.</summary>
    public bool SameBuckets(WeightSpaceGrid other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return BucketSize == other.BucketSize && Origin.AsSpan().SequenceEqual(other.Origin);
    }

    /// <summary>The reach as a scale: at least 1, so that a box around the origin does not make every tolerance vanish.</summary>
    internal double Scale => Math.Max(1, Reach);
}
