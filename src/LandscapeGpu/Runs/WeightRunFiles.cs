using System.Text.Json;
using LandscapeGpu.Basins.WeightSpace;
using LandscapeGpu.Descents;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Runs;

/// <summary>What a K-weight map was asked to do, beside its problem: the model and how its weights were chosen (summary.json).</summary>
/// <param name="Formula">The loss as the landscape info states it (the model, its loss and its data).</param>
/// <param name="Plan">Which weights were trained, free, started where and fixed.</param>
public sealed record WeightMapDescription(string Formula, TrainingPlan Plan);

/// <summary>
/// The files of a K-weight map (issue 14), beside those of a 2-D map: summary.json (with the trained weights' names,
/// the free, trained, init and fixed choices and each attractor's full weight vector), basins.npy and steps.npy [H, W],
/// endpoints.npy [H, W, K] in the run's precision, valleyPosition.npy [H, W] as on the 2-D map.
/// </summary>
public static class WeightRunFiles
{
    /// <summary>The array files; the figure is written by the caller.</summary>
    public static readonly IReadOnlyList<string> Outputs = ["summary.json", "basins.npy", "steps.npy", "endpoints.npy", "valleyPosition.npy"];

    /// <summary>Writes the map's files through <paramref name="outputs"/>.</summary>
    public static void Write(AtomicOutputs outputs, WeightBasinMap map, WeightMapDescription description)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(description);
        int width = map.Problem.Grid.Width, height = map.Problem.Grid.Height, weights = map.Problem.Count;
        outputs.Write("summary.json", stream => WriteSummary(stream, map, description));
        outputs.Write("basins.npy", stream => NpyWriter.Write<int>(stream, map.Ids, height, width));
        outputs.Write("steps.npy", stream => NpyWriter.Write<int>(stream, map.Steps, height, width));
        float[] valleyPositions = map.ValleyPositions ?? Enumerable.Repeat(float.NaN, map.Ids.Length).ToArray();
        outputs.Write("valleyPosition.npy", stream => NpyWriter.Write<float>(stream, valleyPositions, height, width));
        outputs.Write("endpoints.npy", stream =>
        {
            // The run's own precision: float32 values are exactly the descents' endpoints.
            if (map.Problem.Precision == Precision.F32)
            {
                NpyWriter.Write<float>(stream, map.Endpoints.Select(value => (float)value).ToArray(), height, width, weights);
            }
            else
            {
                NpyWriter.Write<double>(stream, map.Endpoints, height, width, weights);
            }
        });
    }

    /// <summary>summary.json of a K-weight map: the fields of a 2-D map's, with x and y of each attractor replaced by its full weight vector.</summary>
    public static void WriteSummary(Stream stream, WeightBasinMap map, WeightMapDescription description)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(description);
        WeightDescentProblem problem = map.Problem;
        TrainingPlan plan = description.Plan;
        using var json = new Utf8JsonWriter(stream, JsonFormat.Indented);
        json.WriteStartObject();
        json.WriteString("landscape", "model");
        json.WriteString("formula", description.Formula);
        WriteStrings(json, "axes", [plan.FreeX, plan.FreeY]);
        // The order of every endpoint's and attractor's entries.
        WriteStrings(json, "weights", map.Names);
        WriteStrings(json, "trained", plan.Trained);
        WriteValues(json, "init", plan.Init);
        WriteValues(json, "fixed", plan.Fixed);
        WriteNumbers(json, "box", problem.Grid.Box.X0, problem.Grid.Box.X1, problem.Grid.Box.Y0, problem.Grid.Box.Y1);
        json.WriteStartArray("grid");
        json.WriteNumberValue(problem.Grid.Width);
        json.WriteNumberValue(problem.Grid.Height);
        json.WriteEndArray();
        SummaryWriter.WriteOptimizer(json, problem.Optimizer);
        json.WriteNumber("steps", problem.MaxSteps);
        json.WriteBoolean("fixedSteps", problem.FixedSteps);
        json.WriteNumber("tol", problem.Tolerance);
        json.WriteString("precision", problem.Precision.ToString().ToLowerInvariant());
        json.WriteString("device", map.Device);
        // The attractors as the full-space clustering writes them (weights [K], extent as K pairs, all K eigenvalues).
        WeightSpaceAttractorsJson.WriteProperties(json, map.Basins);
        SummaryWriter.WriteNumber(json, "seconds", map.Seconds);
        json.WriteNumber("descentSteps", map.DescentSteps);
        SummaryWriter.WriteNumber(json, "stepsPerSecond", map.Seconds > 0 ? map.DescentSteps / map.Seconds : 0);
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (string value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    private static void WriteValues(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, double> values)
    {
        json.WriteStartObject(name);
        foreach ((string weight, double value) in values.OrderBy(pair => pair.Key.Length).ThenBy(pair => pair.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(weight, value);
        }

        json.WriteEndObject();
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, params double[] values)
    {
        json.WriteStartArray(name);
        foreach (double value in values)
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

        json.WriteEndArray();
    }
}
