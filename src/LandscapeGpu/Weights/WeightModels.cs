using System.Globalization;
using ILGPU;
using ILGPU.Runtime;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Formulas.Emitted;
using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;
using LandscapeGpu.Landscapes.Models;

namespace LandscapeGpu.Weights;

/// <summary>A model to train in several weights: what a user asks for with --model, --data, --loss, --train and --fix.</summary>
/// <param name="Model">The model formula: weights are named w followed by digits (w1, w2, ...), inputs by the data's column names.</param>
/// <param name="Data">The data it is fitted to.</param>
/// <param name="Loss">How residuals are scored.</param>
/// <param name="Trained">
/// The trained weights, in the order of the weight vectors' indices, or null for every weight of the model without a
/// value in <paramref name="Fixed"/>, in the order w1, w2, …, w10.
/// </param>
/// <param name="Fixed">Values for every other weight (constants in the generated code).</param>
public sealed record WeightModelSpec(
    string Model,
    DataSet Data,
    ResidualLossKind Loss = ResidualLossKind.Mse,
    IReadOnlyList<string>? Trained = null,
    IReadOnlyDictionary<string, double>? Fixed = null);

/// <summary>Builds models trained in K weights: generated code for the loss, its gradient and its Hessian (issue 14).</summary>
public static class WeightModels
{
    /// <summary>The most weights a model can be trained in: the largest weight vector, <see cref="Weights16{T}"/>.</summary>
    public const int MaxWeights = 16;

    /// <summary>The smallest weight-vector capacity (4, 8 or 16) that holds <paramref name="count"/> weights.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is below 1 or above <see cref="MaxWeights"/>.</exception>
    public static int CapacityFor(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxWeights);
        return count <= 4 ? 4 : count <= 8 ? 8 : 16;
    }

    /// <summary>The weights of <paramref name="model"/> over <paramref name="data"/> (names spelled w and digits, or named in <paramref name="named"/>), sorted as w1, w2, …, w10.</summary>
    /// <exception cref="FormulaSyntaxException">The model cannot be read or reads the target y.</exception>
    public static IReadOnlyList<string> WeightsOf(string model, DataSet data, IEnumerable<string>? named = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        return ModelLandscapes.ReadModel(model, data, named ?? []).Weights;
    }

    /// <summary>
    /// The model of <paramref name="spec"/> with its loss, gradient and Hessian generated as one struct type
    /// (<see cref="ModelEmitter.EmitWeightModel"/>), its data copied to host-readable memory.
    /// </summary>
    /// <exception cref="FormulaSyntaxException">The model cannot be read or uses an unknown name.</exception>
    /// <exception cref="InvalidParameterException">
    /// A trained or fixed name is not a weight of the model, is named twice or both trained and fixed, a fixed value is
    /// not finite, a weight is neither trained nor fixed, or there are not 1 to <see cref="MaxWeights"/> trained weights.
    /// </exception>
    public static WeightModelEntry Create(WeightModelSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(spec.Model);
        ArgumentNullException.ThrowIfNull(spec.Data);
        DataSet data = spec.Data;
        IReadOnlyDictionary<string, double> fixedWeights = spec.Fixed ?? new Dictionary<string, double>();
        (FormulaSyntax root, List<string> weights) = ModelLandscapes.ReadModel(spec.Model, data, fixedWeights.Keys.Concat(spec.Trained ?? []));
        List<string> trained = ChooseTrained(spec, weights, fixedWeights);

        var variables = new Dictionary<string, IFormulaNode>(StringComparer.Ordinal);
        for (int c = 0; c < data.Columns.Count; c++)
        {
            if (data.Columns[c] != DataSet.TargetColumn)
            {
                variables[data.Columns[c]] = new DataColumn(c);
            }
        }

        foreach ((string weight, double value) in fixedWeights)
        {
            variables[weight] = new Constant(value);
        }

        string inputs = string.Join(", ", data.Inputs);
        var scope = new FormulaScope(variables, $"the weights {string.Join(", ", weights.DefaultIfEmpty("w1"))} and the data's inputs ({(inputs.Length > 0 ? inputs : "none")})")
        {
            Weights = trained.Select((name, index) => (name, index)).ToDictionary(pair => pair.name, pair => pair.index, StringComparer.Ordinal),
        };
        Expression lowered = FormulaCompiler.Lower(root, spec.Model, scope);
        var calculus = new ModelCalculus(lowered, trained.Count, data.Columns.Count, data.Columns.ToList().IndexOf(DataSet.TargetColumn), spec.Loss);
        Type modelType = ModelEmitter.EmitWeightModel(calculus);

        string fixedText = fixedWeights.Count == 0 ? "" : "; fixed " + string.Join(", ", fixedWeights.Select(pair => string.Create(CultureInfo.InvariantCulture, $"{pair.Key}={pair.Value}")));
        string description = $"{ResidualLossKinds.Names[(int)spec.Loss]}(({spec.Model.Trim()}) - y) over {data.Name} ({data.Rows} rows) in {string.Join(", ", trained)}{fixedText}";
        int capacity = CapacityFor(trained.Count);
        Type weightsType = (capacity switch { 4 => typeof(Weights4<>), 8 => typeof(Weights8<>), _ => typeof(Weights16<>) }).MakeGenericType(typeof(Real64));
        Type hessianType = (capacity switch { 4 => typeof(SymmetricWeights4<>), 8 => typeof(SymmetricWeights8<>), _ => typeof(SymmetricWeights16<>) }).MakeGenericType(typeof(Real64));
        Type entryType = typeof(Typed<,,>).MakeGenericType(modelType, weightsType, hessianType);
        return (WeightModelEntry)Activator.CreateInstance(entryType, [data.Values, trained, new Dictionary<string, double>(fixedWeights, StringComparer.Ordinal), description])!;
    }

    private static List<string> ChooseTrained(WeightModelSpec spec, List<string> weights, IReadOnlyDictionary<string, double> fixedWeights)
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

        List<string> trained = spec.Trained?.ToList() ?? weights.Where(weight => !fixedWeights.ContainsKey(weight)).ToList();
        string list = string.Join(",", trained);
        foreach (string weight in trained)
        {
            if (!weights.Contains(weight))
            {
                throw new InvalidParameterException("train", weight, $"{{train}} {weight}: the model has no weight '{weight}'; its weights: {string.Join(", ", weights)}");
            }

            if (fixedWeights.ContainsKey(weight))
            {
                throw new InvalidParameterException("train", weight, $"{{train}} {weight}: the weight is also given a value with {{fix}}");
            }
        }

        if (trained.Distinct().Count() != trained.Count)
        {
            throw new InvalidParameterException("train", list, $"{{train}} {list}: a weight is named twice");
        }

        List<string> unset = weights.Where(weight => !trained.Contains(weight) && !fixedWeights.ContainsKey(weight)).ToList();
        if (unset.Count > 0)
        {
            throw new InvalidParameterException("train", string.Join(",", unset),
                $"weight{(unset.Count == 1 ? "" : "s")} {string.Join(", ", unset)} {(unset.Count == 1 ? "is" : "are")} neither trained nor fixed: add {(unset.Count == 1 ? "it" : "them")} to {{train}} or give a value with {{fix}} {unset[0]}=VALUE");
        }

        if (trained.Count is < 1 or > MaxWeights)
        {
            throw new InvalidParameterException("train", list, trained.Count == 0
                ? $"the model '{spec.Model}' has no weight to train (weights are named w1, w2, ...)"
                : $"{{train}} names {trained.Count} weights; at most {MaxWeights} can be trained");
        }

        return trained;
    }

    // One generated model: the struct over host memory (or, for a bound entry, over an accelerator's copy), and the
    // float64 function over the host struct.
    private sealed class Typed<TModel, TWeights, THessian> : WeightModelEntry
        where TModel : struct, IWeightModel, IModelData<TModel>
        where TWeights : struct, IWeights<Real64, TWeights>
        where THessian : struct, ISymmetricWeights<Real64, THessian>
    {
        private readonly double[] values;
        private readonly TModel model;
        private readonly IReadOnlyList<string> trained;
        private readonly IReadOnlyDictionary<string, double> fixedWeights;
        private readonly string description;
        private readonly IWeightSpaceFunction function;

        // Keeps the host copy alive as long as the entry (and every entry bound from it, which shares the function).
        private readonly object hostMemory;

        public Typed(double[] values, IReadOnlyList<string> trained, IReadOnlyDictionary<string, double> fixedWeights, string description)
        {
            this.values = values;
            var hostCopy = HostDataMemory.Copy(values);
            hostMemory = hostCopy;
            model = default(TModel).WithData(hostCopy.View);
            this.trained = trained;
            this.fixedWeights = fixedWeights;
            this.description = description;
            function = new WeightSpaceFunction<TModel, TWeights, THessian>(model);
        }

        private Typed(Typed<TModel, TWeights, THessian> host, TModel bound)
        {
            values = host.values;
            hostMemory = host.hostMemory;
            model = bound;
            trained = host.trained;
            fixedWeights = host.fixedWeights;
            description = host.description;
            function = host.function;
        }

        public override IReadOnlyList<string> Trained => trained;

        public override IReadOnlyDictionary<string, double> Fixed => fixedWeights;

        public override string Description => description;

        public override Type ModelType => typeof(TModel);

        public override IWeightSpaceFunction Function => function;

        public override TResult Accept<TResult>(IWeightModelVisitor<TResult> visitor)
        {
            ArgumentNullException.ThrowIfNull(visitor);
            return visitor.Visit(model);
        }

        public override WeightModelBinding BindTo(Accelerator accelerator)
        {
            ArgumentNullException.ThrowIfNull(accelerator);
            MemoryBuffer1D<double, Stride1D.Dense> deviceCopy = accelerator.Allocate1D(values);
            try
            {
                return new WeightModelBinding(new Typed<TModel, TWeights, THessian>(this, model.WithData(deviceCopy.View)), deviceCopy);
            }
            catch
            {
                deviceCopy.Dispose();
                throw;
            }
        }
    }
}
