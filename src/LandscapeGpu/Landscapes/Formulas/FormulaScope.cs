using LandscapeGpu.Landscapes.Formulas.Nodes;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// The names a formula may use and the leaf node each stands for: the axis variables, a model's fixed weights
/// (constants) and data columns. pi and e are always known, unless the scope names them itself.
/// </summary>
/// <param name="Variables">Each allowed name and its leaf node (<see cref="AxisX"/>, <see cref="AxisY"/>, <see cref="Constant"/> or <see cref="DataColumn"/>).</param>
/// <param name="Description">How the allowed names read in an error message, e.g. "x and y".</param>
public sealed record FormulaScope(IReadOnlyDictionary<string, IFormulaNode> Variables, string Description)
{
    /// <summary>The scope of a plain formula: x on the horizontal axis, y on the vertical one.</summary>
    public static FormulaScope XY { get; } = new(
        new Dictionary<string, IFormulaNode>(StringComparer.Ordinal) { ["x"] = new AxisX(), ["y"] = new AxisY() },
        "x and y");

    /// <summary>
    /// A model's trained weights by name, each lowered to a <see cref="Symbolic.WeightExpression"/> of its index (for
    /// generated model code, which reads them from a weight vector); these names take precedence over <see cref="Variables"/>.
    /// </summary>
    public IReadOnlyDictionary<string, int> Weights { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The leaf for <paramref name="name"/>, or null when the name is unknown.</summary>
    public IFormulaNode? Resolve(string name) =>
        Variables.TryGetValue(name, out IFormulaNode? node) ? node
        : FormulaFunctions.Constants.TryGetValue(name, out double value) ? new Constant(value)
        : null;
}
