using System.Text.Json;

namespace LandscapeGpu.Runs.Series;

/// <summary>Writes a bifurcation diagram's arrays: <c>bifurcation.npy</c> and <c>bifurcation.json</c>.</summary>
public static class BifurcationFiles
{
    /// <summary>The iterates' file.</summary>
    public const string ArrayName = "bifurcation.npy";

    /// <summary>The description's file.</summary>
    public const string JsonName = "bifurcation.json";

    /// <summary>Writes <see cref="ArrayName"/> and <see cref="JsonName"/> through <paramref name="outputs"/> (nothing is in place until it commits).</summary>
    public static void Write(AtomicOutputs outputs, BifurcationDiagram diagram)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(diagram);
        outputs.Write(ArrayName, stream => NpyWriter.Write<double>(stream, diagram.Iterates, diagram.Values.Count, diagram.Starts.Count, diagram.Keep));
        outputs.Write(JsonName, stream => WriteJson(stream, diagram));
    }

    /// <summary>Writes the description: what was run, the values, the starts, the stationary points and the dropped counts.</summary>
    public static void WriteJson(Stream stream, BifurcationDiagram diagram)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        var problem = diagram.Problem;
        var info = problem.Landscape.Info;
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("landscape", info.Name);
        json.WriteString("formula", info.Formula);
        json.WriteStartArray("axes");
        foreach (string axis in info.Axes)
        {
            json.WriteStringValue(axis);
        }

        json.WriteEndArray();
        json.WriteStartArray("box");
        foreach (double edge in new[] { problem.Grid.Box.X0, problem.Grid.Box.X1, problem.Grid.Box.Y0, problem.Grid.Box.Y1 })
        {
            json.WriteNumberValue(edge);
        }

        json.WriteEndArray();
        SummaryWriter.WriteOptimizer(json, problem.Optimizer);
        json.WriteString("parameter", diagram.Range.Name);
        json.WriteBoolean("log", diagram.Range.Logarithmic);
        json.WriteStartArray("values");
        foreach (double value in diagram.Values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
        json.WriteNumber("steps", problem.MaxSteps);
        json.WriteNumber("keep", diagram.Keep);
        json.WriteString("coordinate", diagram.CoordinateName);
        json.WriteString("precision", "f64");
        json.WriteNumber("divergenceRadius", problem.DivergenceRadius);
        json.WriteString("array", $"{ArrayName}: float64 [values, starts, keep] = [{diagram.Values.Count}, {diagram.Starts.Count}, {diagram.Keep}]; " +
            $"[i, j, k] is {diagram.CoordinateName} of start j after steps - keep + 1 + k steps at values[i]; NaN where the iterate diverged (dropped)");
        json.WriteStartArray("starts");
        foreach ((double x, double y) in diagram.Starts)
        {
            json.WriteStartArray();
            json.WriteNumberValue(x);
            json.WriteNumberValue(y);
            json.WriteEndArray();
        }

        json.WriteEndArray();
        json.WriteStartArray("dropped");
        foreach (long count in diagram.Dropped)
        {
            json.WriteNumberValue(count);
        }

        json.WriteEndArray();
        json.WriteStartArray("divergedStarts");
        foreach (int count in diagram.DivergedStarts)
        {
            json.WriteNumberValue(count);
        }

        json.WriteEndArray();
        json.WriteStartArray("stationaryPoints");
        foreach (StationaryLocation point in diagram.StationaryPoints)
        {
            json.WriteStartObject();
            SummaryWriter.WriteNumber(json, "x", point.X);
            SummaryWriter.WriteNumber(json, "y", point.Y);
            SummaryWriter.WriteNumber(json, "loss", point.Loss);
            json.WriteString("kind", point.Kind.ToString().ToLowerInvariant());
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
