using LandscapeGpu.Descents;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using ILGPU;
using ILGPU.Runtime;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Formulas.Emitted;
using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Landscapes.Models;

/// <summary>What a user asks for with --model, --data, --loss, --free and --fix.</summary>
/// <param name="Model">The model formula: weights are named w followed by digits (w1, w2, ...), inputs by the data's column names.</param>
/// <param name="Data">The data it is fitted to.</param>
/// <param name="Loss">How residuals are scored.</param>
/// <param name="Free">The one or two weights on the grid axes (x first), or null for "the model's weights, if there are at most two".</param>
/// <param name="Fixed">Values for every other weight.</param>
public sealed record ModelSpec(
    string Model,
    DataSet Data,
    ResidualLossKind Loss = ResidualLossKind.Mse,
    IReadOnlyList<string>? Free = null,
    IReadOnlyDictionary<string, double>? Fixed = null);

/// <summary>Builds the loss landscape of a model fitted to data.</summary>
public static partial class ModelLandscapes
{
    /// <summary>The box a model's weights are mapped over unless told otherwise.</summary>
    public static Box DefaultBox { get; } = new(-4, 4, -4, 4);

    /// <summary>Optimizer defaults for a model's loss: losses of data near unit scale have gradients of order 1.</summary>
    public static LandscapeDefaults Defaults { get; } = new(0.1, 2000, 1e-3);

    [GeneratedRegex("^w[0-9]+$")]
    private static partial Regex WeightName();

    /// <summary>
    /// The landscape of <paramref name="spec"/>: the loss over the free weights, generated as IL with the rows in its
    /// inner loop and symbolic derivatives (<see cref="ModelEmitter.EmitLandscape"/>).
    /// </summary>
    /// <exception cref="FormulaSyntaxException">The model cannot be read or uses an unknown name.</exception>
    /// <exception cref="ArgumentException">The free and fixed weights do not cover the model's weights exactly, or there are not one or two free weights.</exception>
    public static LandscapeEntry Create(ModelSpec spec) => Create(spec, FormulaGradientChoice.Emitted);

    /// <summary>
    /// <see cref="Create(ModelSpec)"/> with the way of computing the gradient <paramref name="gradient"/>: tests compare
    /// the generated code with the node structs differentiated row by row through <see cref="Arithmetic.Dual{T}"/>.
    /// </summary>
    internal static LandscapeEntry Create(ModelSpec spec, FormulaGradientChoice gradient)
    {
        ArgumentNullException.ThrowIfNull(spec);
        DataSet data = spec.Data;
        IReadOnlyDictionary<string, double> fixedWeights = spec.Fixed ?? new Dictionary<string, double>();
        (FormulaSyntax root, List<string> weights) = ReadModel(spec.Model, data, fixedWeights.Keys.Concat(spec.Free ?? []));
        var columns = data.Columns.ToList();
        List<string> free = ChooseFree(spec, weights, fixedWeights);

        var variables = new Dictionary<string, IFormulaNode>(StringComparer.Ordinal);
        for (int c = 0; c < columns.Count; c++)
        {
            if (columns[c] != DataSet.TargetColumn)
            {
                variables[columns[c]] = new DataColumn(c);
            }
        }

        variables[free[0]] = new AxisX();
        if (free.Count == 2)
        {
            variables[free[1]] = new AxisY();
        }

        foreach ((string weight, double value) in fixedWeights)
        {
            variables[weight] = new Constant(value);
        }

        string inputs = string.Join(", ", data.Inputs);
        var scope = new FormulaScope(variables, $"the weights {string.Join(", ", weights.DefaultIfEmpty("w1"))} and the data's inputs ({(inputs.Length > 0 ? inputs : "none")})");
        int dimensions = free.Count;
        Box box = dimensions == 1 ? DefaultBox with { Y0 = 0, Y1 = 0 } : DefaultBox;
        string lossName = ResidualLossKinds.Names[(int)spec.Loss];
        string fixedText = fixedWeights.Count == 0 ? "" : "; fixed " + string.Join(", ", fixedWeights.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}")));
        var info = new LandscapeInfo(
            "model",
            $"{lossName}(({spec.Model.Trim()}) - y) over {data.Name} ({data.Rows} rows) in {string.Join(", ", free)}{fixedText}",
            dimensions, box, [], Defaults,
            $"axes: x = {free[0]}{(free.Count == 2 ? $", y = {free[1]}" : "")}",
            free);

        int target = columns.IndexOf(DataSet.TargetColumn);
        if (gradient == FormulaGradientChoice.Emitted)
        {
            FormulaScope weightScope = scope with { Weights = free.Select((name, index) => (name, index)).ToDictionary(pair => pair.name, pair => pair.index, StringComparer.Ordinal) };
            Expression lowered = FormulaCompiler.Lower(root, spec.Model, weightScope);
            if (ModelEmitter.CanEmit(lowered))
            {
                Type emitted = ModelEmitter.EmitLandscape(new ModelCalculus(lowered, free.Count, columns.Count, target, spec.Loss));
                return EntryOf(emitted, Activator.CreateInstance(emitted)!, data, info);
            }
        }

        IFormulaNode model = FormulaCompiler.Compile(root, spec.Model, scope);
        Type landscapeType = typeof(ModelLandscape<,>).MakeGenericType(model.GetType(), ResidualLossKinds.StructFor(spec.Loss));
        object landscape = Activator.CreateInstance(landscapeType, model, default(ArrayView<double>), columns.Count, target)!;
        return EntryOf(landscapeType, landscape, data, info);
    }

    // The entry of a model landscape struct of type landscapeType (boxed in landscape, its data not yet attached).
    private static LandscapeEntry EntryOf(Type landscapeType, object landscape, DataSet data, LandscapeInfo info) =>
        (LandscapeEntry)Activator.CreateInstance(typeof(ModelEntry<>).MakeGenericType(landscapeType), BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic, null,
            [landscape, data, info], CultureInfo.InvariantCulture)!;

    /// <summary>
    /// Parses <paramref name="model"/> and lists its weights: the names that are not columns of <paramref name="data"/>
    /// and are either spelled w followed by digits or among <paramref name="named"/> (weights the user named), sorted
    /// as w1, w2, …, w10.
    /// </summary>
    /// <exception cref="FormulaSyntaxException">The model cannot be read or reads the target y.</exception>
    internal static (FormulaSyntax Root, List<string> Weights) ReadModel(string model, DataSet data, IEnumerable<string> named)
    {
        FormulaSyntax root = FormulaParser.Parse(model);
        var names = root.DescendantsAndSelf().OfType<NameSyntax>().ToList();
        foreach (NameSyntax name in names)
        {
            if (name.Name == DataSet.TargetColumn)
            {
                throw new FormulaSyntaxException(
                    $"'{DataSet.TargetColumn}' at column {name.Column} is the target the model predicts; the model may not read it", model, name.Column);
            }
        }

        var declared = named.ToHashSet(StringComparer.Ordinal);
        List<string> weights = names.Select(n => n.Name)
            .Where(n => !data.Columns.Contains(n) && (WeightName().IsMatch(n) || declared.Contains(n)))
            .Distinct().OrderBy(n => n.Length).ThenBy(n => n, StringComparer.Ordinal).ToList();
        return (root, weights);
    }

    private static List<string> ChooseFree(ModelSpec spec, List<string> weights, IReadOnlyDictionary<string, double> fixedWeights)
    {
        foreach ((string weight, double value) in fixedWeights)
        {
            if (!weights.Contains(weight))
            {
                throw new InvalidParameterException("fix", weight, $"{{fix}} {weight}: the model has no weight '{weight}'; its weights: {string.Join(", ", weights)}");
            }

            if (!double.IsFinite(value))
            {
                throw new InvalidParameterException("fix", weight, $"{{fix}} {weight}={value.ToString(CultureInfo.InvariantCulture)}: a fixed weight must be a finite number");
            }
        }

        if (spec.Free is null)
        {
            List<string> rest = weights.Where(w => !fixedWeights.ContainsKey(w)).ToList();
            if (rest.Count is 1 or 2)
            {
                return rest;
            }

            throw rest.Count == 0
                ? new ArgumentException($"the model '{spec.Model}' has no free weight (weights are named w1, w2, ...): there is nothing to map")
                : new InvalidParameterException("free", "", $"the model has weights {string.Join(", ", rest)}: choose one or two with {{free}} and give the others values with {{fix}}");
        }

        if (spec.Free.Count is not (1 or 2))
        {
            throw new InvalidParameterException("free", string.Join(",", spec.Free), $"{{free}} {string.Join(",", spec.Free)}: give one or two weights");
        }

        foreach (string weight in spec.Free)
        {
            if (!weights.Contains(weight))
            {
                throw new InvalidParameterException("free", weight, $"{{free}} {weight}: the model has no weight '{weight}'; its weights: {string.Join(", ", weights)}");
            }

            if (fixedWeights.ContainsKey(weight))
            {
                throw new InvalidParameterException("free", weight, $"{{free}} {weight}: the weight is also given a value with {{fix}}");
            }
        }

        if (spec.Free.Distinct().Count() != spec.Free.Count)
        {
            throw new InvalidParameterException("free", string.Join(",", spec.Free), $"{{free}} {string.Join(",", spec.Free)}: a weight is named twice");
        }

        List<string> unset = weights.Where(w => !spec.Free.Contains(w) && !fixedWeights.ContainsKey(w)).ToList();
        if (unset.Count > 0)
        {
            throw new InvalidParameterException("free", string.Join(",", unset),
                $"weight{(unset.Count == 1 ? "" : "s")} {string.Join(", ", unset)} {(unset.Count == 1 ? "is" : "are")} neither free nor fixed: add {(unset.Count == 1 ? "it" : "them")} to {{free}} or give a value with {{fix}} {unset[0]}=VALUE");
        }

        return spec.Free.ToList();
    }

    /// <summary>
    /// A model landscape entry, node structs or generated IL (<see cref="ModelEmitter"/>) alike:
    /// <see cref="LandscapeEntry.Accept"/> gives the struct over host memory; <see cref="BindTo"/> copies the data to
    /// an accelerator and gives the struct over that copy.
    /// </summary>
    private sealed class ModelEntry<TLandscape> : LandscapeEntry
        where TLandscape : struct, ILandscape, IModelData<TLandscape>
    {
        private readonly double[] values;
        private readonly MemoryBuffer1D<double, Stride1D.Dense> hostCopy;
        private readonly TLandscape hostLandscape;
        private readonly LandscapeInfo info;

        public ModelEntry(TLandscape landscape, DataSet data, LandscapeInfo info)
        {
            values = data.Values;
            hostCopy = HostDataMemory.Copy(values);
            hostLandscape = landscape.WithData(hostCopy.View);
            this.info = info;
        }

        public override LandscapeInfo Info => info;

        public override TResult Accept<TResult>(ILandscapeVisitor<TResult> visitor) => visitor.Visit(hostLandscape);

        public override LandscapeBinding BindTo(Accelerator accelerator)
        {
            ArgumentNullException.ThrowIfNull(accelerator);
            MemoryBuffer1D<double, Stride1D.Dense> deviceCopy = accelerator.Allocate1D(values);
            try
            {
                return new LandscapeBinding(Create(hostLandscape.WithData(deviceCopy.View), info), deviceCopy);
            }
            catch
            {
                deviceCopy.Dispose();
                throw;
            }
        }
    }
}
