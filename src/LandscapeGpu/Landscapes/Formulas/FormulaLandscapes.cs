using LandscapeGpu.Landscapes.Formulas.Emitted;
using System.Reflection;
using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>Builds landscapes from formulas typed by a user.</summary>
public static class FormulaLandscapes
{
    /// <summary>The box a formula is mapped over unless told otherwise.</summary>
    public static Box DefaultBox { get; } = new(-5, 5, -5, 5);

    /// <summary>Optimizer defaults for a formula: those of himmelblau, a landscape of the usual scale.</summary>
    public static LandscapeDefaults Defaults { get; } = new(0.01, 1000, 1e-3);

    private static readonly MethodInfo CreateEntry = typeof(LandscapeEntry).GetMethod(nameof(LandscapeEntry.Create))!;

    /// <summary>
    /// The landscape of <paramref name="formula"/>, a formula in x and y. A formula with only one of them is a 1-D
    /// cost of that variable, run on a grid of height 1 along the horizontal axis.
    /// </summary>
    /// <exception cref="FormulaSyntaxException">The formula cannot be read, uses names other than x, y, pi and e, or uses neither x nor y.</exception>
    public static LandscapeEntry Parse(string formula) => Parse(formula, FormulaGradientChoice.Emitted);

    /// <summary>
    /// <see cref="Parse(string)"/> with the gradient rule <paramref name="gradient"/> preferred: tests compare the
    /// symbolic rule with automatic differentiation.
    /// </summary>
    internal static LandscapeEntry Parse(string formula, FormulaGradientChoice gradient)
    {
        ArgumentNullException.ThrowIfNull(formula);
        FormulaSyntax root = FormulaParser.Parse(formula);
        var used = root.DescendantsAndSelf().OfType<NameSyntax>().Select(name => name.Name).ToHashSet(StringComparer.Ordinal);
        bool usesX = used.Contains("x"), usesY = used.Contains("y");
        FormulaScope scope = FormulaScope.XY;
        int dimensions = 2;
        string? note = null;
        if (!usesX && !usesY)
        {
            throw new FormulaSyntaxException("the formula uses neither x nor y: there is nothing to descend", formula, 1);
        }

        if (!usesY)
        {
            dimensions = 1;
        }
        else if (!usesX)
        {
            dimensions = 1;
            note = "a formula of y alone: y is mapped along the horizontal axis";
            scope = new FormulaScope(new Dictionary<string, IFormulaNode>(StringComparer.Ordinal) { ["x"] = new AxisY(), ["y"] = new AxisX() }, "x and y");
        }

        Expression lowered = FormulaCompiler.Lower(root, formula, scope);
        Box box = dimensions == 1 ? DefaultBox with { Y0 = 0, Y1 = 0 } : DefaultBox;
        var info = new LandscapeInfo("formula", formula.Trim(), dimensions, box, [], Defaults, note);
        (Expression X, Expression Y)? derivatives = gradient == FormulaGradientChoice.Automatic ? null : FormulaGradients.TryDifferentiate(lowered);
        if (gradient == FormulaGradientChoice.Emitted && derivatives is { } both && FormulaEmitter.CanEmit(lowered))
        {
            Type emitted = FormulaEmitter.Emit(lowered, ExpressionFusion.Fuse(both.X), ExpressionFusion.Fuse(both.Y));
            return Entry(Activator.CreateInstance(emitted)!, info);
        }

        IFormulaNode compiled = FormulaCompiler.Compile(lowered);
        IFormulaGradient rule = FormulaGradients.Create(derivatives);
        Type landscapeType = typeof(FormulaLandscape<,>).MakeGenericType(compiled.GetType(), rule.GetType());
        return Entry(Activator.CreateInstance(landscapeType, compiled, rule)!, info);
    }

    // LandscapeEntry.Create over the landscape's run-time type.
    private static LandscapeEntry Entry(object landscape, LandscapeInfo info) =>
        (LandscapeEntry)CreateEntry.MakeGenericMethod(landscape.GetType()).Invoke(null, [landscape, info])!;
}
