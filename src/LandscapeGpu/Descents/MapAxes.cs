using System.Globalization;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Optimizers;

namespace LandscapeGpu.Descents;

/// <summary>What one axis of a map varies: a start coordinate or one of the optimizer's hyperparameters.</summary>
public enum MapAxis
{
    /// <summary>The start's first coordinate (a model's first free weight).</summary>
    X,

    /// <summary>The start's second coordinate.</summary>
    Y,

    /// <summary>The learning rate.</summary>
    LearningRate,

    /// <summary>μ (momentum, nesterov).</summary>
    Momentum,

    /// <summary>β1 (adam).</summary>
    Beta1,

    /// <summary>β2 (adam; rmsprop's ρ).</summary>
    Beta2,

    /// <summary>ε (adam, rmsprop; newton's damping).</summary>
    Epsilon,

    /// <summary>The learning rate of x alone: a model's first free weight (<c>lr:w1</c>); y keeps its own.</summary>
    LearningRateX,

    /// <summary>The learning rate of y alone: a model's second free weight.</summary>
    LearningRateY,
}

/// <summary>
/// The axes of a map that is not simply "start x across, start y up": any two of the start coordinates and the
/// optimizer's hyperparameters, either axis spaced linearly or logarithmically. The grid's box spans the two axes
/// (x0,x1 the horizontal axis, y0,y1 the vertical one); coordinates not on an axis start at
/// (<paramref name="StartX"/>, <paramref name="StartY"/>) and hyperparameters not on an axis are the problem's.
/// Descents still live in the landscape's x,y space: the divergence radius and the clustering of endpoints are those
/// of <paramref name="LandscapeBox"/>, whatever the axes.
/// </summary>
/// <param name="Horizontal">What the columns vary.</param>
/// <param name="Vertical">What the rows vary.</param>
/// <param name="LogHorizontal">Columns spaced logarithmically: cell centres at the geometric midpoints of their cells.</param>
/// <param name="LogVertical">Rows spaced logarithmically.</param>
/// <param name="StartX">The start's x where no axis is x.</param>
/// <param name="StartY">The start's y where no axis is y.</param>
/// <param name="LandscapeBox">The landscape's own box: the scale of divergence and of clustering.</param>
public sealed record MapAxes(MapAxis Horizontal, MapAxis Vertical, bool LogHorizontal, bool LogVertical, double StartX, double StartY, Box LandscapeBox)
{
    /// <summary>The command-line names of the hyperparameter axes, in the order of <see cref="MapAxis"/>.</summary>
    public static IReadOnlyList<string> HyperparameterNames { get; } = ["lr", "momentum", "beta1", "beta2", "eps"];

    /// <summary>What a per-weight learning rate's name starts with: <c>lr:w1</c> is the learning rate of the weight w1.</summary>
    public const string WeightLearningRatePrefix = "lr:";

    /// <summary>The axes that are hyperparameters of <paramref name="kind"/>: the ones its rule reads.</summary>
    public static IReadOnlyList<MapAxis> HyperparametersOf(OptimizerKind kind) => kind switch
    {
        OptimizerKind.GradientDescent => [MapAxis.LearningRate],
        OptimizerKind.Momentum or OptimizerKind.Nesterov => [MapAxis.LearningRate, MapAxis.Momentum],
        OptimizerKind.RmsProp => [MapAxis.LearningRate, MapAxis.Beta2, MapAxis.Epsilon],
        OptimizerKind.Adam => [MapAxis.LearningRate, MapAxis.Beta1, MapAxis.Beta2, MapAxis.Epsilon],
        OptimizerKind.Newton => [MapAxis.LearningRate, MapAxis.Epsilon],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown optimizer kind"),
    };

    /// <summary>
    /// The name of <paramref name="axis"/> as a user writes it: a coordinate by the landscape's name for it
    /// (<see cref="LandscapeInfo.Axes"/>: x and y, a model's free weights), a hyperparameter as its option (lr, momentum, beta1, beta2, eps).
    /// </summary>
    public static string NameOf(MapAxis axis, LandscapeInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        return axis switch
        {
            MapAxis.X => info.Axes[0],
            MapAxis.Y => info.Axes.Count > 1 ? info.Axes[1] : "y",
            MapAxis.LearningRateX => WeightLearningRatePrefix + info.Axes[0],
            MapAxis.LearningRateY => WeightLearningRatePrefix + (info.Axes.Count > 1 ? info.Axes[1] : "y"),
            _ => HyperparameterNames[axis - MapAxis.LearningRate],
        };
    }

    /// <summary>
    /// The axis called <paramref name="name"/> on <paramref name="info"/>'s landscape optimized by <paramref name="kind"/>:
    /// one of its coordinates (x, y, or a model's free weights; x and y also name a model's first and second) or one of
    /// the optimizer's hyperparameters.
    /// </summary>
    /// <exception cref="InvalidParameterException">The name is none of the valid ones, which the message lists.</exception>
    public static MapAxis Parse(string name, LandscapeInfo info, OptimizerKind kind)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(info);
        IReadOnlyList<MapAxis> valid = ValidAxes(info, kind);
        foreach (MapAxis axis in valid)
        {
            if (string.Equals(NameOf(axis, info), name, StringComparison.Ordinal))
            {
                return axis;
            }
        }

        if (name == "x" || (name == "y" && info.Dimensions == 2))
        {
            return name == "x" ? MapAxis.X : MapAxis.Y;
        }

        string choices = string.Join(", ", valid.Select(axis => NameOf(axis, info)));
        if (name.StartsWith(WeightLearningRatePrefix, StringComparison.Ordinal))
        {
            string weight = name[WeightLearningRatePrefix.Length..];
            throw new InvalidParameterException("axes", $"'{name}'", HasWeights(info)
                ? $"{{axes}} '{name}' is invalid: {weight} is not a free weight of this model (its free weights, the map's x and y: {string.Join(", ", info.Axes)}); valid: {choices}"
                : $"{{axes}} '{name}' is invalid: a per-weight learning rate names a weight of a model ({{model}}), and this landscape has none; valid: {choices}");
        }

        if (HyperparameterNames.Contains(name))
        {
            throw new InvalidParameterException("axes", $"'{name}'",
                $"{{axes}} '{name}' is invalid: {OptimizerSettings.NameOf(kind)} has no {name}; valid axes for {OptimizerSettings.NameOf(kind)} on this landscape: {choices}");
        }

        throw new InvalidParameterException("axes", $"'{name}'", $"{{axes}} '{name}' is invalid: no such axis; valid: {choices}");
    }

    /// <summary>
    /// Every axis a map of <paramref name="info"/>'s landscape with <paramref name="kind"/> may have: its coordinates,
    /// the optimizer's hyperparameters and, for a model, the learning rate of each free weight (<c>lr:w1</c>).
    /// </summary>
    public static IReadOnlyList<MapAxis> ValidAxes(LandscapeInfo info, OptimizerKind kind)
    {
        ArgumentNullException.ThrowIfNull(info);
        IEnumerable<MapAxis> coordinates = info.Dimensions == 1 ? [MapAxis.X] : [MapAxis.X, MapAxis.Y];
        IEnumerable<MapAxis> weightRates = !HasWeights(info) ? [] : info.Dimensions == 1 ? [MapAxis.LearningRateX] : [MapAxis.LearningRateX, MapAxis.LearningRateY];
        return [.. coordinates, .. HyperparametersOf(kind), .. weightRates];
    }

    // A model's coordinates are its free weights; a formula's or a built-in landscape's are no weights.
    private static bool HasWeights(LandscapeInfo info) => info.Name == "model";

    /// <summary>The axes as exact text, e.g. <c>lr,momentum log=x start=0,0</c>: what tells two axes maps apart.</summary>
    public string Describe(LandscapeInfo info) =>
        $"{NameOf(Horizontal, info)},{NameOf(Vertical, info)} log={(LogHorizontal ? LogVertical ? "both" : "x" : LogVertical ? "y" : "none")} " +
        $"start={Text(StartX)},{Text(StartY)} landscapeBox={LandscapeBox}";

    /// <summary>The axes <see cref="Describe"/> wrote, read back (a run's identity on disk, for merge).</summary>
    /// <exception cref="FormatException">The text is not such a description.</exception>
    /// <exception cref="InvalidParameterException">It names an axis the landscape or optimizer does not have.</exception>
    public static MapAxes ParseDescription(string text, LandscapeInfo info, OptimizerKind kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(info);
        string[] parts = text.Split(' ');
        string[] names = parts[0].Split(',');
        if (parts.Length != 4 || names.Length != 2 || !parts[1].StartsWith("log=", StringComparison.Ordinal)
            || !parts[2].StartsWith("start=", StringComparison.Ordinal) || !parts[3].StartsWith("landscapeBox=", StringComparison.Ordinal))
        {
            throw new FormatException($"'{text}' is no description of map axes");
        }

        string log = parts[1]["log=".Length..];
        string[] start = parts[2]["start=".Length..].Split(',');
        if (log is not ("none" or "x" or "y" or "both") || start.Length != 2)
        {
            throw new FormatException($"'{text}' is no description of map axes");
        }

        return new MapAxes(Parse(names[0], info, kind), Parse(names[1], info, kind), log is "x" or "both", log is "y" or "both",
            double.Parse(start[0], CultureInfo.InvariantCulture), double.Parse(start[1], CultureInfo.InvariantCulture),
            Box.Parse(parts[3]["landscapeBox=".Length..], info.Dimensions));
    }

    /// <summary>Whether either axis is a hyperparameter: then every start has an optimizer of its own.</summary>
    public bool VariesHyperparameters => IsHyperparameter(Horizontal) || IsHyperparameter(Vertical);

    /// <summary>The per-start setup these axes describe, around the problem's own <paramref name="settings"/>.</summary>
    public StartSetup Setup(OptimizerSettings settings) => new(Horizontal, Vertical, StartX, StartY, Hyperparameters.Of(settings));

    /// <summary>The grid the endpoints are clustered on: the landscape's own box, with the map's numbers of cells.</summary>
    public GridSpec ClusteringGrid(GridSpec grid) => new(LandscapeBox, grid.Width, grid.Height);

    /// <summary>
    /// The value of each column of <paramref name="tile"/>, then of each of its rows: cell centres, arithmetic or
    /// (for a log axis) geometric, computed in float64 from <paramref name="grid"/> alone so that every engine and
    /// every tiling gives each cell the same value. A linear axis takes exactly <see cref="GridSpec.StartX"/> and
    /// <see cref="GridSpec.StartY"/>.
    /// </summary>
    public double[] AxisValues(GridSpec grid, TileSpec tile)
    {
        var values = new double[tile.Width + tile.Height];
        for (int column = 0; column < tile.Width; column++)
        {
            values[column] = LogHorizontal ? GeometricCentre(grid.Box.X0, grid.Box.X1, tile.X + column, grid.Width) : grid.StartX(tile.X + column);
        }

        for (int row = 0; row < tile.Height; row++)
        {
            values[tile.Width + row] = LogVertical ? GeometricCentre(grid.Box.Y0, grid.Box.Y1, tile.Y + row, grid.Height) : grid.StartY(tile.Y + row);
        }

        return values;
    }

    /// <summary>The centre of cell <paramref name="index"/> of <paramref name="count"/> between <paramref name="from"/> and <paramref name="to"/> (both positive), on a log scale.</summary>
    public static double GeometricCentre(double from, double to, int index, int count) =>
        Math.Exp(Math.Log(from) + (index + 0.5) * (Math.Log(to) - Math.Log(from)) / count);

    /// <summary>
    /// Checks the axes against <paramref name="problem"/> (its landscape, optimizer and box): two different axes the
    /// optimizer and landscape have, log axes with positive ends, hyperparameter ranges the optimizer accepts, and a
    /// finite start.
    /// </summary>
    /// <exception cref="InvalidParameterException">A rule is broken; the message names the value and what is valid.</exception>
    public void Validate(DescentProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        LandscapeInfo info = problem.Landscape.Info;
        IReadOnlyList<MapAxis> valid = ValidAxes(info, problem.Optimizer.Kind);
        string choices = string.Join(", ", valid.Select(axis => NameOf(axis, info)));
        foreach (MapAxis axis in new[] { Horizontal, Vertical })
        {
            if (!valid.Contains(axis))
            {
                throw new InvalidParameterException("axes", $"'{NameOf(axis, info)}'",
                    $"{{axes}} '{NameOf(axis, info)}' is invalid for {problem.Optimizer.Name} on this landscape; valid: {choices}");
            }
        }

        if (Horizontal == Vertical)
        {
            string name = NameOf(Horizontal, info);
            throw new InvalidParameterException("axes", $"'{name},{name}'", $"{{axes}} '{name},{name}' is invalid: give two different axes; valid: {choices}");
        }

        if (IsLearningRate(Horizontal) && IsLearningRate(Vertical) && (Horizontal == MapAxis.LearningRate || Vertical == MapAxis.LearningRate))
        {
            string pair = $"{NameOf(Horizontal, info)},{NameOf(Vertical, info)}";
            throw new InvalidParameterException("axes", $"'{pair}'",
                $"{{axes}} '{pair}' is invalid: lr sets the learning rate of every weight, so it cannot share the map with a weight's own; give lr, or per-weight rates ({string.Join(", ", valid.Where(axis => axis >= MapAxis.LearningRateX).Select(axis => NameOf(axis, info)))}); valid: {choices}");
        }

        if (!double.IsFinite(StartX) || !double.IsFinite(StartY))
        {
            throw InvalidParameterException.MustBe("start", $"{Text(StartX)},{Text(StartY)}", "two finite numbers X,Y");
        }

        Box box = problem.Grid.Box;
        CheckRange(Horizontal, LogHorizontal, box.X0, box.X1, info);
        CheckRange(Vertical, LogVertical, box.Y0, box.Y1, info);
    }

    private static void CheckRange(MapAxis axis, bool logarithmic, double from, double to, LandscapeInfo info)
    {
        string name = NameOf(axis, info);
        string range = $"{Text(from)},{Text(to)}";
        if (logarithmic && !(from > 0))
        {
            throw new InvalidParameterException("log-axes", $"'{name}'",
                $"{{log-axes}} puts {name} on a log scale, but its range {range} in {{box}} reaches 0 or below: give both ends greater than 0, or a linear axis");
        }

        switch (axis)
        {
            case MapAxis.LearningRate or MapAxis.LearningRateX or MapAxis.LearningRateY or MapAxis.Epsilon when !(from >= 0):
                throw new InvalidParameterException("box", range, $"{{box}} gives {name} the range {range}: {name} must be positive, so its range must start at 0 or above");
            case MapAxis.Momentum or MapAxis.Beta1 or MapAxis.Beta2 when !(from >= 0 && to <= 1):
                throw new InvalidParameterException("box", range, $"{{box}} gives {name} the range {range}: {name} must be in [0, 1), so its range must lie within 0,1");
        }
    }

    private static bool IsHyperparameter(MapAxis axis) => axis >= MapAxis.LearningRate;

    private static bool IsLearningRate(MapAxis axis) => axis is MapAxis.LearningRate or MapAxis.LearningRateX or MapAxis.LearningRateY;

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

/// <summary>
/// How one start of an axes map is set up from its cell's two axis values: its start point and its hyperparameters.
/// A small struct of plain values, so that the ILGPU kernel and the SIMD engine compute the same doubles.
/// </summary>
/// <param name="Horizontal">What the columns vary.</param>
/// <param name="Vertical">What the rows vary.</param>
/// <param name="StartX">The start's x where no axis is x.</param>
/// <param name="StartY">The start's y where no axis is y.</param>
/// <param name="Baseline">The hyperparameters where no axis varies them.</param>
public readonly record struct StartSetup(MapAxis Horizontal, MapAxis Vertical, double StartX, double StartY, Hyperparameters Baseline)
{
    /// <summary>The start and hyperparameters of the cell whose axis values are <paramref name="horizontal"/> and <paramref name="vertical"/>.</summary>
    public void At(double horizontal, double vertical, out double x, out double y, out Hyperparameters hyperparameters)
    {
        x = StartX;
        y = StartY;
        double learningRateX = Baseline.LearningRate, learningRateY = Baseline.LearningRateY;
        double momentum = Baseline.Momentum, beta1 = Baseline.Beta1, beta2 = Baseline.Beta2, epsilon = Baseline.Epsilon;
        Set(Horizontal, horizontal, ref x, ref y, ref learningRateX, ref learningRateY, ref momentum, ref beta1, ref beta2, ref epsilon);
        Set(Vertical, vertical, ref x, ref y, ref learningRateX, ref learningRateY, ref momentum, ref beta1, ref beta2, ref epsilon);
        hyperparameters = new Hyperparameters(learningRateX, learningRateY, momentum, beta1, beta2, epsilon);
    }

    private static void Set(MapAxis axis, double value, ref double x, ref double y,
        ref double learningRateX, ref double learningRateY, ref double momentum, ref double beta1, ref double beta2, ref double epsilon)
    {
        switch (axis)
        {
            case MapAxis.X:
                x = value;
                break;
            case MapAxis.Y:
                y = value;
                break;
            case MapAxis.LearningRate:
                learningRateX = value;
                learningRateY = value;
                break;
            case MapAxis.LearningRateX:
                learningRateX = value;
                break;
            case MapAxis.LearningRateY:
                learningRateY = value;
                break;
            case MapAxis.Momentum:
                momentum = value;
                break;
            case MapAxis.Beta1:
                beta1 = value;
                break;
            case MapAxis.Beta2:
                beta2 = value;
                break;
            default:
                epsilon = value;
                break;
        }
    }
}
