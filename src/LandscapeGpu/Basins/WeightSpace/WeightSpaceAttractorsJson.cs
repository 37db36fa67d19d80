using System.Text.Json;

namespace LandscapeGpu.Basins.WeightSpace;

/// <summary>
/// Writes a weight-space resolution into a run's <c>summary.json</c> the way the 2-D map's attractors are written
/// (<c>Runs/SummaryWriter.cs</c>): the same field names where they mean the same, a weight vector where the map has x
/// and y, and <c>null</c> for any value that is not finite (JSON has no NaN), with the kind <see cref="UndefinedKind"/>.
/// </summary>
public static class WeightSpaceAttractorsJson
{
    /// <summary>The kind of an attractor whose loss or weights are not finite (the 2-D summary's word).</summary>
    public const string UndefinedKind = "undefined";

    /// <summary>
    /// Writes the properties <c>attractors</c> (each: <c>id</c>, <c>weights</c> [K], <c>loss</c>, <c>kind</c>,
    /// <c>fraction</c>, <c>meanSteps</c>, <c>global</c>, <c>refined</c>, <c>members</c>, <c>extentLower</c> and
    /// <c>extentUpper</c> [K each], <c>hessianEigenvalues</c> [K, ascending], <c>flatDirections</c>), <c>diverged</c> and
    /// <c>unconverged</c> (fractions of all starts) into the object <paramref name="json"/> is writing.
    /// </summary>
    public static void WriteProperties(Utf8JsonWriter json, WeightSpaceResolution resolution)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(resolution);
        json.WriteStartArray("attractors");
        foreach (WeightSpaceAttractor attractor in resolution.Attractors)
        {
            json.WriteStartObject();
            json.WriteNumber("id", attractor.Id);
            WriteArray(json, "weights", attractor.Weights);
            WriteNumber(json, "loss", attractor.Loss);
            bool finite = double.IsFinite(attractor.Loss) && attractor.Weights.All(double.IsFinite);
            json.WriteString("kind", finite ? attractor.KindName : UndefinedKind);
            WriteNumber(json, "fraction", attractor.Fraction);
            WriteNumber(json, "meanSteps", attractor.MeanSteps);
            json.WriteBoolean("global", attractor.IsGlobal);
            json.WriteBoolean("refined", attractor.Refined);
            json.WriteNumber("members", attractor.Members);
            WriteArray(json, "extentLower", attractor.ExtentLower);
            WriteArray(json, "extentUpper", attractor.ExtentUpper);
            WriteArray(json, "hessianEigenvalues", attractor.HessianEigenvalues);
            json.WriteNumber("flatDirections", attractor.FlatDirections);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteNumber(json, "diverged", resolution.DivergedFraction);
        WriteNumber(json, "unconverged", resolution.UnconvergedFraction);
    }

    private static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        json.WritePropertyName(name);
        WriteValue(json, value);
    }

    private static void WriteArray(Utf8JsonWriter json, string name, double[] values)
    {
        json.WriteStartArray(name);
        foreach (double value in values)
        {
            WriteValue(json, value);
        }

        json.WriteEndArray();
    }

    private static void WriteValue(Utf8JsonWriter json, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumberValue(value);
        }
        else
        {
            json.WriteNullValue();
        }
    }
}
