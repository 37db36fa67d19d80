using System.Text.Json;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Metrics.Comparison;

/// <summary>
/// Writes <c>compare.json</c>: the landscape and grid, each optimizer (its directory, hyperparameters, diverged and not
/// converged shares, basin metrics), the matched attractors with each optimizer's fraction and mean steps, and the
/// disagreement's histogram. Non-finite numbers are written as null, as in summary.json.
/// </summary>
public static class ComparisonJson
{
    /// <summary>The value of the <c>format</c> field.</summary>
    public const string Format = "landscape-compare/1";

    /// <summary>Writes <paramref name="comparison"/> to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, OptimizerComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(comparison);
        DescentProblem problem = comparison.Problem;
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("landscape", problem.Landscape.Info.Name);
        json.WriteString("formula", problem.Landscape.Info.Formula);
        json.WriteStartArray("axes");
        foreach (string axis in problem.Landscape.Info.Axes)
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
        json.WriteStartArray("grid");
        json.WriteNumberValue(problem.Grid.Width);
        json.WriteNumberValue(problem.Grid.Height);
        json.WriteEndArray();
        json.WriteNumber("matchDistance", comparison.Matching.MatchDistance);

        json.WriteStartArray("optimizers");
        foreach (ComparedMap map in comparison.Maps)
        {
            json.WriteStartObject();
            json.WriteString("name", map.Name);
            json.WriteString("directory", map.Name);
            SummaryWriter.WriteOptimizer(json, map.Map.Problem.Optimizer);
            json.WriteNumber("steps", map.Map.Problem.MaxSteps);
            json.WriteNumber("tol", map.Map.Problem.Tolerance);
            SummaryWriter.WriteNumber(json, "diverged", map.Map.Basins.DivergedFraction);
            SummaryWriter.WriteNumber(json, "unconverged", map.Map.Basins.UnconvergedFraction);
            json.WriteNumber("attractors", map.Map.Attractors.Count);
            BasinMetricsJson.WriteProperty(json, map.Metrics);
            json.WriteEndObject();
        }

        json.WriteEndArray();

        json.WriteStartArray("attractors");
        foreach (MatchedAttractor row in comparison.Matching.Rows)
        {
            StationaryPoint point = row.Representative;
            json.WriteStartObject();
            json.WriteNumber("row", row.Row);
            json.WriteString("kind", double.IsFinite(point.X) && double.IsFinite(point.Y) && double.IsFinite(point.Loss) ? point.KindName : SummaryWriter.UndefinedKind);
            SummaryWriter.WriteNumber(json, "x", point.X);
            SummaryWriter.WriteNumber(json, "y", point.Y);
            SummaryWriter.WriteNumber(json, "loss", point.Loss);
            json.WriteBoolean("global", point.IsGlobal);
            json.WriteStartObject("byOptimizer");
            foreach (ComparedMap map in comparison.Maps)
            {
                json.WritePropertyName(map.Name);
                if (!row.Shares.TryGetValue(map.Name, out MatchedShare? share))
                {
                    json.WriteNullValue();
                    continue;
                }

                json.WriteStartObject();
                json.WriteStartArray("ids");
                foreach (int id in share.Ids)
                {
                    json.WriteNumberValue(id);
                }

                json.WriteEndArray();
                SummaryWriter.WriteNumber(json, "fraction", share.Fraction);
                SummaryWriter.WriteNumber(json, "meanSteps", share.MeanSteps);
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndArray();

        // Element k: the share of starts from which the optimizers reach k + 1 distinct outcomes.
        json.WriteStartObject("disagreement");
        json.WriteString("file", "disagreement.npy");
        json.WriteStartArray("shareByOutcomes");
        foreach (double share in comparison.DisagreementShares)
        {
            json.WriteNumberValue(share);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
