namespace LandscapeGpu.Basins.WeightSpace;

/// <summary>
/// A distinct stationary point (or connected set of them) in the full weight space that descents converged to,
/// refined in float64, with the share of starts that reached it: the K-weight counterpart of <see cref="StationaryPoint"/>.
/// </summary>
/// <param name="Id">Its id in basin maps: 0 has the lowest loss.</param>
/// <param name="Weights">The point (K weights), refined by Newton's method in float64 where that converged; a set's member nearest the members' centroid.</param>
/// <param name="Loss">f at <paramref name="Weights"/>.</param>
/// <param name="Kind">Minimum, saddle or maximum (a set: the kind its members' nonzero curvatures give).</param>
/// <param name="Shape">A point, a valley (some eigenvalues zero) or a plateau (all zero: the loss is locally constant).</param>
/// <param name="Refined">False where Newton's method did not converge nearby and the point is a bucket's centre.</param>
/// <param name="Count">Starts that reached it.</param>
/// <param name="Fraction">Count over all starts.</param>
/// <param name="MeanSteps">Mean steps those starts took.</param>
/// <param name="IsGlobal">True for the minima of lowest loss (ties within 1e-8 relative count as global).</param>
/// <param name="Members">Stationary points joined: 1 for a point, the buckets joined for a set.</param>
/// <param name="ExtentLower">Per weight, the smallest value over the members (a point's own weights).</param>
/// <param name="ExtentUpper">Per weight, the largest value over the members.</param>
/// <param name="HessianEigenvalues">The Hessian's K eigenvalues at <paramref name="Weights"/>, ascending.</param>
/// <param name="FlatDirections">Eigenvalues at <paramref name="Weights"/> that count as zero: the dimension of a set, 0 for a nondegenerate point.</param>
public sealed record WeightSpaceAttractor(
    int Id, double[] Weights, double Loss, StationaryKind Kind, StationaryShape Shape, bool Refined,
    long Count, double Fraction, double MeanSteps, bool IsGlobal, int Members,
    double[] ExtentLower, double[] ExtentUpper, double[] HessianEigenvalues, int FlatDirections)
{
    /// <summary>The smallest eigenvalue of the Hessian at <see cref="Weights"/>.</summary>
    public double HessianLower => HessianEigenvalues.Length == 0 ? double.NaN : HessianEigenvalues[0];

    /// <summary>The largest eigenvalue of the Hessian at <see cref="Weights"/>.</summary>
    public double HessianUpper => HessianEigenvalues.Length == 0 ? double.NaN : HessianEigenvalues[^1];

    /// <summary>
    /// "minimum", "saddle" or "maximum" for a point; "valley" or "plateau" for a set of minima, "maximum-set" for a set
    /// of maxima and "saddle-set" for a set of saddles (as on the 2-D map; in K weights a set of saddles occurs, as where
    /// a hidden unit's outgoing weight is zero); "undefined" where the loss is not finite.
    /// </summary>
    public string KindName => !double.IsFinite(Loss) ? "undefined" : (Shape, Kind) switch
    {
        (StationaryShape.Point, _) => Kind.ToString().ToLowerInvariant(),
        (_, StationaryKind.Maximum) => "maximum-set",
        (_, StationaryKind.Saddle) => "saddle-set",
        (StationaryShape.Valley, _) => "valley",
        _ => "plateau",
    };

    /// <summary>Equal when every field, arrays entry by entry, is equal: what tests of tiling and merging compare.</summary>
    public bool Equals(WeightSpaceAttractor? other) =>
        other is not null && Id == other.Id && Weights.AsSpan().SequenceEqual(other.Weights) && Loss.Equals(other.Loss) &&
        Kind == other.Kind && Shape == other.Shape && Refined == other.Refined && Count == other.Count &&
        Fraction.Equals(other.Fraction) && MeanSteps.Equals(other.MeanSteps) && IsGlobal == other.IsGlobal && Members == other.Members &&
        ExtentLower.AsSpan().SequenceEqual(other.ExtentLower) && ExtentUpper.AsSpan().SequenceEqual(other.ExtentUpper) &&
        HessianEigenvalues.AsSpan().SequenceEqual(other.HessianEigenvalues) && FlatDirections == other.FlatDirections;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Id, Loss, Kind, Shape, Count, Members);
}

/// <summary>The attractors of a run in the full weight space and the attractor id of every bucket.</summary>
/// <param name="Attractors">Ordered by id (by loss).</param>
/// <param name="AttractorOfBucket">Bucket index (as <see cref="WeightSpaceCatalog"/> gave it) to attractor id.</param>
/// <param name="DivergedFraction">Diverged starts over all starts.</param>
/// <param name="UnconvergedFraction">Unconverged starts over all starts.</param>
/// <param name="DivergedMeanSteps">Mean steps of the diverged starts (0 when none).</param>
/// <param name="UnconvergedMeanSteps">Mean steps of the unconverged starts (0 when none).</param>
public sealed record WeightSpaceResolution(
    IReadOnlyList<WeightSpaceAttractor> Attractors, int[] AttractorOfBucket, double DivergedFraction, double UnconvergedFraction,
    double DivergedMeanSteps, double UnconvergedMeanSteps)
{
    /// <summary>
    /// Per bucket, where on its valley the bucket's point lies (0 to 1 along the valley's spanning tree, from its end
    /// whose weights come first; see the README's valleys section); NaN for buckets of any other attractor.
    /// </summary>
    public double[] ValleyPositionOfBucket { get; init; } = [];

    /// <summary>
    /// Writes each start's valley position (NaN for a start whose attractor is not a valley, or that diverged or did
    /// not converge) from its bucket index, as <c>valleyPosition.npy</c> holds on the 2-D map. Call before <see cref="MapToIds"/>.
    /// </summary>
    public void MapToValleyPositions(ReadOnlySpan<int> bucketOfStart, Span<float> positions)
    {
        for (int i = 0; i < bucketOfStart.Length; i++)
        {
            int bucket = bucketOfStart[i];
            positions[i] = bucket >= 0 && bucket < ValleyPositionOfBucket.Length ? (float)ValleyPositionOfBucket[bucket] : float.NaN;
        }
    }

    /// <summary>Replaces bucket indices by attractor ids in place; the diverged and unconverged codes stay.</summary>
    public void MapToIds(Span<int> bucketOfStart)
    {
        for (int i = 0; i < bucketOfStart.Length; i++)
        {
            int bucket = bucketOfStart[i];
            if (bucket >= 0)
            {
                bucketOfStart[i] = AttractorOfBucket[bucket];
            }
        }
    }
}
