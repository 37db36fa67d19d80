using System.Globalization;
using System.Text.Json;
using LandscapeGpu.Descents;
using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// What makes two tiled runs the same computation: landscape, box, grid, optimizer and every hyperparameter,
/// step budget (and whether steps are fixed), tolerance, precision and tile side, each as exact text. Tiles of runs with equal identities can be
/// mixed (resume, merge); anything else is refused. The device and the shard are not part of it: every device and
/// every shard computes the same tile to the same bits.
/// </summary>
public sealed class RunIdentity
{
    private const string FixedStepsSuffix = " fixed";

    private readonly SortedDictionary<string, string> fields;

    private RunIdentity(SortedDictionary<string, string> fields) => this.fields = fields;

    /// <summary>The fields, by name, as exact text.</summary>
    public IReadOnlyDictionary<string, string> Fields => fields;

    /// <summary>The identity of <paramref name="problem"/> cut into tiles of <paramref name="tileSide"/>.</summary>
    public static RunIdentity Of(DescentProblem problem, int tileSide)
    {
        ArgumentNullException.ThrowIfNull(problem);
        OptimizerSettings optimizer = problem.Optimizer;
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["landscape"] = problem.Landscape.Info.Name,
            ["formula"] = problem.Landscape.Info.Formula,
            ["box"] = problem.Grid.Box.ToString(),
            ["grid"] = $"{problem.Grid.Width}x{problem.Grid.Height}",
            ["optimizer"] = string.Create(CultureInfo.InvariantCulture,
                $"{optimizer.Name} lr={optimizer.LearningRate:R} momentum={optimizer.Momentum:R} beta1={optimizer.Beta1:R} beta2={optimizer.Beta2:R} eps={optimizer.Epsilon:R}"),
            // "200 fixed" for a fixed-step run: it computes other endpoints than an early-exit run of 200 steps.
            ["steps"] = problem.MaxSteps.ToString(CultureInfo.InvariantCulture) + (problem.FixedSteps ? FixedStepsSuffix : ""),
            ["tol"] = problem.Tolerance.ToString("R", CultureInfo.InvariantCulture),
            ["precision"] = Precisions.Name(problem.Precision),
            ["tile"] = tileSide.ToString(CultureInfo.InvariantCulture),
            ["probe"] = Fingerprint(problem),
        };
        if (problem.Axes is { } axes)
        {
            // Only an axes map has this field: the identity of a plain map is what it always was.
            fields[AxesField] = axes.Describe(problem.Landscape.Info);
        }

        return new RunIdentity(fields);
    }

    private const string AxesField = "axes";

    /// <summary>
    /// This identity with one more field, <paramref name="name"/> = <paramref name="value"/> (a K-weight map's trained
    /// weights and starts, which the 2-D fields cannot see); a field of that name is replaced.
    /// </summary>
    public RunIdentity With(string name, string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        return new RunIdentity(new SortedDictionary<string, string>(fields, StringComparer.Ordinal) { [name] = value });
    }

    // The loss at five fixed points of the box, exactly: catches what the text fields cannot see, such as a model's
    // data file edited between two runs that share its name.
    private static string Fingerprint(DescentProblem problem)
    {
        LandscapeProbe probe = LandscapeProbe.For(problem.Landscape);
        GridSpec grid = problem.Grid;
        // An axes map's box spans its axes; its landscape is probed over the landscape's own box.
        if (problem.Axes is { } axes)
        {
            grid = axes.ClusteringGrid(grid);
        }

        var points = new[] { (0.5, 0.5), (0.25, 0.25), (0.75, 0.3), (0.3, 0.8), (0.9, 0.6) };
        return string.Join(' ', points.Select(p =>
        {
            double x = grid.Box.X0 + p.Item1 * grid.Box.Width;
            double y = problem.Landscape.Info.Dimensions == 1 ? grid.StartY(0) : grid.Box.Y0 + p.Item2 * grid.Box.Height;
            return probe.Loss(x, y).ToString("R", CultureInfo.InvariantCulture);
        }));
    }

    /// <summary>
    /// The problem these fields describe, for commands that find a run on disk (merge). The landscape must be
    /// one this build knows by name, with the same formula.
    /// </summary>
    /// <exception cref="RunConflictException">A field is missing or names something unknown.</exception>
    public (DescentProblem Problem, int TileSide) ToProblem()
    {
        try
        {
            string name = fields["landscape"];
            LandscapeEntry landscape = name == "formula" ? FormulaLandscapes.Parse(fields["formula"])
                : BuiltInLandscapes.Find(name) is { } entry && entry.Info.Formula == fields["formula"] ? entry
                : throw new RunConflictException(name == "model"
                    ? $"the run maps a model's loss ({fields["formula"]}), whose data this command cannot reload; merge is for built-in and formula landscapes"
                    : $"the run's landscape '{name}' ({fields["formula"]}) is not one this program knows");
            Box box = Box.Parse(fields["box"], landscape.Info.Dimensions);
            int[] grid = fields["grid"].Split('x').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            string[] optimizer = fields["optimizer"].Split(' ');
            var values = optimizer.Skip(1).Select(part => part.Split('=')).ToDictionary(
                pair => pair[0], pair => double.Parse(pair[1], CultureInfo.InvariantCulture));
            var settings = new OptimizerSettings(OptimizerSettings.ParseKind(optimizer[0]), values["lr"], values["momentum"],
                values["beta1"], values["beta2"], values["eps"]).Validated();
            Precision precision = Precisions.Parse(fields["precision"]);
            string steps = fields["steps"];
            bool fixedSteps = steps.EndsWith(FixedStepsSuffix, StringComparison.Ordinal);
            var problem = new DescentProblem(landscape, settings, new GridSpec(box, grid[0], grid[1]),
                int.Parse(fixedSteps ? steps[..^FixedStepsSuffix.Length] : steps, CultureInfo.InvariantCulture),
                double.Parse(fields["tol"], CultureInfo.InvariantCulture), precision, fixedSteps)
            {
                Axes = fields.TryGetValue(AxesField, out string? axes) ? MapAxes.ParseDescription(axes, landscape.Info, settings.Kind) : null,
            }.Validated();
            return (problem, int.Parse(fields["tile"], CultureInfo.InvariantCulture));
        }
        catch (Exception error) when (error is KeyNotFoundException or FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            throw new RunConflictException($"the run's identity cannot be read back ({error.Message})");
        }
    }

    /// <summary>The field that marks a K-weight map (its trained weights, in order).</summary>
    public const string TrainedField = "trained";

    /// <summary>Whether this is the identity of a K-weight map (issue 14), which <see cref="ToProblem"/> cannot rebuild.</summary>
    public bool IsWeightMap => fields.ContainsKey(TrainedField);

    /// <summary>How the run's grid is cut into tiles: read from the fields alone for a K-weight map (always over two free weights).</summary>
    /// <exception cref="RunConflictException">A field is missing or cannot be read.</exception>
    public TileLayout Layout()
    {
        if (!IsWeightMap)
        {
            (DescentProblem problem, int tileSide) = ToProblem();
            return new TileLayout(problem.Grid, tileSide);
        }

        try
        {
            int[] grid = fields["grid"].Split('x').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            return new TileLayout(new GridSpec(Box.Parse(fields["box"]), grid[0], grid[1]), int.Parse(fields["tile"], CultureInfo.InvariantCulture));
        }
        catch (Exception error) when (error is KeyNotFoundException or FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            throw new RunConflictException($"the run's identity cannot be read back ({error.Message})");
        }
    }

    /// <summary>Writes the fields as one JSON object named "identity".</summary>
    public void WriteTo(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject("identity");
        foreach ((string name, string value) in fields)
        {
            json.WriteString(name, value);
        }

        json.WriteEndObject();
    }

    /// <summary>Reads the "identity" object written by <see cref="WriteTo"/>.</summary>
    public static RunIdentity ReadFrom(JsonElement identity)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty property in identity.EnumerateObject())
        {
            fields[property.Name] = property.Value.GetString() ?? "";
        }

        return new RunIdentity(fields);
    }

    /// <summary>
    /// The fields that differ, as "name A there, B here" phrases (empty when the identities are equal).
    /// </summary>
    public IReadOnlyList<string> DifferencesFrom(RunIdentity other, string thereName = "there", string hereName = "here")
    {
        ArgumentNullException.ThrowIfNull(other);
        var differences = new List<string>();
        foreach (string name in fields.Keys.Union(other.fields.Keys).Order(StringComparer.Ordinal))
        {
            string there = other.fields.GetValueOrDefault(name, "(none)");
            string here = fields.GetValueOrDefault(name, "(none)");
            if (there != here)
            {
                differences.Add($"{name} '{there}' {thereName}, '{here}' {hereName}");
            }
        }

        return differences;
    }
}
