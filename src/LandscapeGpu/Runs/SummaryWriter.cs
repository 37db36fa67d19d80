using System.Text.Json;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Metrics;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Runs;

/// <summary>
/// Writes <c>summary.json</c>: what was run, the attractors, fractions and throughput. JSON has no NaN or infinity:
/// a non-finite value is written as <c>null</c>, and an attractor with a non-finite position or loss has the kind
/// <see cref="UndefinedKind"/>, so a NaN at one attractor never loses the run.
/// </summary>
public static class SummaryWriter
{
    /// <summary>The kind written for an attractor whose position or loss is not a finite number.</summary>
    public const string UndefinedKind = "undefined";

    /// <summary>
    /// Writes the summary of <paramref name="map"/>, with its <paramref name="metrics"/> (null when the grid holds no
    /// box) and, when given, what its figure colours the basins by (<paramref name="colorBy"/>: attractor or loss).
    /// </summary>
    public static void Write(Stream stream, BasinMap map, BasinMetrics? metrics = null, string? colorBy = null)
    {
        ArgumentNullException.ThrowIfNull(map);
        Write(stream, map.Problem, map.Basins, map.Device, map.Seconds, map.DescentSteps, metrics, colorBy);
    }

    /// <summary>Writes the summary of a run whose per-start arrays are not in memory (a tiled run).</summary>
    public static void Write(Stream stream, DescentProblem problem, BasinResolution basins, string device, double seconds, long descentSteps, BasinMetrics? metrics = null,
        string? colorBy = null)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(basins);
        using var json = new Utf8JsonWriter(stream, JsonFormat.Indented);
        json.WriteStartObject();
        json.WriteString("landscape", problem.Landscape.Info.Name);
        json.WriteString("formula", problem.Landscape.Info.Formula);
        // The variables the box, the grid and each attractor's x and y stand for (a model's free weights).
        json.WriteStartArray("axes");
        foreach (string axis in problem.Axes is { } mapAxes
            ? [MapAxes.NameOf(mapAxes.Horizontal, problem.Landscape.Info), MapAxes.NameOf(mapAxes.Vertical, problem.Landscape.Info)]
            : problem.Landscape.Info.Axes)
        {
            json.WriteStringValue(axis);
        }

        json.WriteEndArray();
        if (problem.Axes is { } axes)
        {
            // An axes map's box spans its axes; where descents start when a coordinate is not on one, and which
            // axes are logarithmic. The attractors' x and y are still the landscape's coordinates.
            WriteArray(json, "start", axes.StartX, axes.StartY);
            json.WriteStartArray("logAxes");
            json.WriteBooleanValue(axes.LogHorizontal);
            json.WriteBooleanValue(axes.LogVertical);
            json.WriteEndArray();
            WriteArray(json, "landscapeBox", axes.LandscapeBox.X0, axes.LandscapeBox.X1, axes.LandscapeBox.Y0, axes.LandscapeBox.Y1);
        }
        WriteArray(json, "box", problem.Grid.Box.X0, problem.Grid.Box.X1, problem.Grid.Box.Y0, problem.Grid.Box.Y1);
        json.WriteStartArray("grid");
        json.WriteNumberValue(problem.Grid.Width);
        json.WriteNumberValue(problem.Grid.Height);
        json.WriteEndArray();
        WriteOptimizer(json, problem.Optimizer);
        json.WriteNumber("steps", problem.MaxSteps);
        json.WriteBoolean("fixedSteps", problem.FixedSteps);
        json.WriteNumber("tol", problem.Tolerance);
        json.WriteString("precision", problem.Precision.ToString().ToLowerInvariant());
        json.WriteString("device", device);
        if (colorBy is not null)
        {
            json.WriteString("colorBy", colorBy);
        }

        json.WriteStartArray("attractors");
        foreach (StationaryPoint point in basins.Attractors)
        {
            json.WriteStartObject();
            json.WriteNumber("id", point.Id);
            WriteNumber(json, "x", point.X);
            WriteNumber(json, "y", point.Y);
            WriteNumber(json, "loss", point.Loss);
            json.WriteString("kind", double.IsFinite(point.X) && double.IsFinite(point.Y) && double.IsFinite(point.Loss) ? point.KindName : UndefinedKind);
            WriteNumber(json, "fraction", point.Fraction);
            WriteNumber(json, "meanSteps", point.MeanSteps);
            json.WriteBoolean("global", point.IsGlobal);
            json.WriteBoolean("refined", point.Refined);
            WriteArray(json, "extent", point.Extent.X0, point.Extent.X1, point.Extent.Y0, point.Extent.Y1);
            json.WriteNumber("members", point.Members);
            WriteArray(json, "hessianEigenvalues", point.HessianLower, point.HessianUpper);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteNumber(json, "diverged", basins.DivergedFraction);
        WriteNumber(json, "unconverged", basins.UnconvergedFraction);
        BasinMetricsJson.WriteProperty(json, metrics);
        WriteNumber(json, "seconds", seconds);
        json.WriteNumber("descentSteps", descentSteps);
        WriteNumber(json, "stepsPerSecond", seconds > 0 ? descentSteps / seconds : 0);
        json.WriteEndObject();
    }

    /// <summary>The optimizer's name and the hyperparameters its rule uses.</summary>
    public static void WriteOptimizer(Utf8JsonWriter json, OptimizerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(settings);
        json.WriteStartObject("optimizer");
        json.WriteString("name", settings.Name);
        json.WriteNumber("lr", settings.LearningRate);
        switch (settings.Kind)
        {
            case OptimizerKind.Momentum or OptimizerKind.Nesterov:
                json.WriteNumber("momentum", settings.Momentum);
                break;
            case OptimizerKind.RmsProp:
                json.WriteNumber("beta2", settings.Beta2);
                json.WriteNumber("eps", settings.Epsilon);
                break;
            case OptimizerKind.Adam:
                json.WriteNumber("beta1", settings.Beta1);
                json.WriteNumber("beta2", settings.Beta2);
                json.WriteNumber("eps", settings.Epsilon);
                break;
            case OptimizerKind.Newton:
                json.WriteNumber("eps", settings.Epsilon);
                break;
        }

        json.WriteEndObject();
    }

    /// <summary>Writes <paramref name="value"/>, or <c>null</c> where it is NaN or infinite (JSON has neither).</summary>
    public static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteArray(Utf8JsonWriter json, string name, params double[] values)
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
