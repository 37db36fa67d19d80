using System.Text.Json;

namespace LandscapeGpu.Basins.WeightSpace;

/// <summary>
/// The buckets a <see cref="WeightSpaceCatalog"/> has seen, in its own bucket order: what a tile, a shard or an
/// interrupted run keeps so that the attractors can be resolved later exactly as if every start had been added to one
/// catalog (the weight-space counterpart of <see cref="BucketTable"/>).
/// </summary>
/// <param name="BucketSize">The grid's bucket side, so that tables of different grids are never merged.</param>
/// <param name="Origin">The grid's origin (K entries).</param>
/// <param name="Coordinates">K integer bucket coordinates per bucket, bucket after bucket.</param>
/// <param name="Counts">Converged starts per bucket.</param>
/// <param name="StepSums">Steps summed over each bucket's starts (whole numbers, exact in a double below 2^53).</param>
/// <param name="Starts">Starts added, whatever their outcome.</param>
/// <param name="Diverged">Starts that diverged.</param>
/// <param name="Unconverged">Starts that did not converge.</param>
/// <param name="DivergedStepSum">Steps summed over the diverged starts.</param>
/// <param name="UnconvergedStepSum">Steps summed over the unconverged starts.</param>
public sealed record WeightBucketTable(
    double BucketSize, double[] Origin, int[] Coordinates, long[] Counts, double[] StepSums,
    long Starts, long Diverged, long Unconverged, double DivergedStepSum = 0, double UnconvergedStepSum = 0)
{
    /// <summary>K: the weights per bucket.</summary>
    public int Dimension => Origin.Length;

    /// <summary>Buckets in the table.</summary>
    public int Count => Counts.Length;

    /// <summary>Checks that the arrays have one entry per bucket and the counts add up.</summary>
    /// <exception cref="InvalidDataException">The table is inconsistent.</exception>
    public WeightBucketTable Validated()
    {
        if (Origin is null || Coordinates is null || Counts is null || StepSums is null)
        {
            throw new InvalidDataException("weight bucket table lacks its origin, coordinates, counts or step sums");
        }

        if (Origin.Length == 0 || Coordinates.Length != Counts.Length * Origin.Length || Counts.Length != StepSums.Length)
        {
            throw new InvalidDataException(
                $"weight bucket table has {Coordinates.Length} coordinates, {Counts.Length} counts and {StepSums.Length} step sums for {Origin.Length} weights; " +
                "it needs one count and one step sum per bucket and one coordinate per bucket and weight");
        }

        if (!double.IsFinite(BucketSize) || BucketSize <= 0 || Origin.Any(o => !double.IsFinite(o)))
        {
            throw new InvalidDataException($"weight bucket table has bucket size {BucketSize} and origin [{string.Join(", ", Origin)}]; both must be finite and the size positive");
        }

        long converged = 0;
        foreach (long count in Counts)
        {
            if (count < 0)
            {
                throw new InvalidDataException($"weight bucket table has a bucket of {count} starts; counts cannot be negative");
            }

            converged += count;
        }

        if (Starts < 0 || Diverged < 0 || Unconverged < 0 || converged + Diverged + Unconverged != Starts)
        {
            throw new InvalidDataException(
                $"weight bucket table counts {converged} converged, {Diverged} diverged and {Unconverged} unconverged starts, but {Starts} in all");
        }

        return this;
    }

    /// <summary>Writes the table as JSON (numbers written so that reading them back gives the same bits).</summary>
    public void Write(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteNumber("dimension", Dimension);
        json.WriteNumber("bucketSize", BucketSize);
        WriteArray(json, "origin", Origin, json.WriteNumberValue);
        json.WriteNumber("starts", Starts);
        json.WriteNumber("diverged", Diverged);
        json.WriteNumber("unconverged", Unconverged);
        json.WriteNumber("divergedStepSum", (long)DivergedStepSum);
        json.WriteNumber("unconvergedStepSum", (long)UnconvergedStepSum);
        WriteArray(json, "coordinates", Coordinates, json.WriteNumberValue);
        WriteArray(json, "counts", Counts, json.WriteNumberValue);
        WriteArray(json, "stepSums", StepSums, sum => json.WriteNumberValue((long)sum));
        json.WriteEndObject();
    }

    /// <summary>Reads a table written by <see cref="Write"/> and validates it.</summary>
    /// <exception cref="InvalidDataException">The stream does not hold a valid table.</exception>
    public static WeightBucketTable Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        try
        {
            using JsonDocument document = JsonDocument.Parse(stream);
            JsonElement root = document.RootElement;
            double[] origin = root.GetProperty("origin").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            if (root.GetProperty("dimension").GetInt32() != origin.Length)
            {
                throw new InvalidDataException($"weight bucket table says {root.GetProperty("dimension").GetInt32()} weights but its origin has {origin.Length}");
            }

            return new WeightBucketTable(
                root.GetProperty("bucketSize").GetDouble(),
                origin,
                root.GetProperty("coordinates").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
                root.GetProperty("counts").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                root.GetProperty("stepSums").EnumerateArray().Select(e => (double)e.GetInt64()).ToArray(),
                root.GetProperty("starts").GetInt64(),
                root.GetProperty("diverged").GetInt64(),
                root.GetProperty("unconverged").GetInt64(),
                root.GetProperty("divergedStepSum").GetInt64(),
                root.GetProperty("unconvergedStepSum").GetInt64()).Validated();
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"not a weight bucket table: {error.Message}", error);
        }
    }

    /// <summary>Whether <paramref name="other"/> holds the same buckets in the same order with the same totals.</summary>
    public bool Equals(WeightBucketTable? other) =>
        other is not null && BucketSize == other.BucketSize && Origin.AsSpan().SequenceEqual(other.Origin) &&
        Coordinates.AsSpan().SequenceEqual(other.Coordinates) && Counts.AsSpan().SequenceEqual(other.Counts) &&
        StepSums.AsSpan().SequenceEqual(other.StepSums) && Starts == other.Starts && Diverged == other.Diverged &&
        Unconverged == other.Unconverged && DivergedStepSum == other.DivergedStepSum && UnconvergedStepSum == other.UnconvergedStepSum;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(BucketSize, Counts.Length, Starts, Diverged, Unconverged);

    private static void WriteArray<T>(Utf8JsonWriter json, string name, T[] values, Action<T> write)
    {
        json.WriteStartArray(name);
        foreach (T value in values)
        {
            write(value);
        }

        json.WriteEndArray();
    }
}
