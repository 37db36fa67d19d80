using System.Text.Json;

namespace LandscapeGpu.Metrics;

/// <summary>Writes <see cref="BasinMetrics"/> as the <c>metrics</c> object of summary.json (the field names are part of the output format).</summary>
public static class BasinMetricsJson
{
    /// <summary>Writes the property <c>metrics</c>: the object, or null when the grid holds no box.</summary>
    public static void WriteProperty(Utf8JsonWriter json, BasinMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WritePropertyName("metrics");
        Write(json, metrics);
    }

    /// <summary>Writes the metrics as a JSON value (null when there are none).</summary>
    public static void Write(Utf8JsonWriter json, BasinMetrics? metrics)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (metrics is null)
        {
            json.WriteNullValue();
            return;
        }

        json.WriteStartObject();
        json.WriteNumber("boxSide", metrics.BoxSide);
        json.WriteNumber("boxes", metrics.Boxes);
        json.WriteNumber("boundaryBoxes", metrics.BoundaryBoxes);
        json.WriteNumber("basinEntropy", metrics.BasinEntropy);
        json.WriteNumber("boundaryBasinEntropy", metrics.BoundaryBasinEntropy);
        WriteNullable(json, "uncertaintyExponent", metrics.UncertaintyExponent);
        WriteNullable(json, "boundaryDimension", metrics.BoundaryDimension);
        json.WriteBoolean("fractalBoundary", metrics.FractalBoundary);
        json.WriteString("fractalBoundaryCriterion", BasinMetrics.FractalBoundaryCriterion);
        json.WriteStartArray("uncertaintyCurve");
        foreach (UncertaintyPoint point in metrics.UncertaintyCurve)
        {
            json.WriteStartObject();
            json.WriteNumber("eps", point.Side);
            json.WriteNumber("f", point.Fraction);
            json.WriteNumber("boxes", point.Boxes);
            json.WriteNumber("boundaryBoxes", point.BoundaryBoxes);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WriteNumber(name, number);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
