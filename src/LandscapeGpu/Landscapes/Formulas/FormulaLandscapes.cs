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
    /// <see cref="Parse(string)"/> with the way of computing the gradient <paramref name="gradient"/>: tests compare the
    /// emitted derivatives with automatic differentiation.
    /// </summary>
    internal static LandscapeEntry Parse(string formula, FormulaGradientChoice gradient)
    {
        (Expression lowered, LandscapeInfo info) = Lower(formula);
        if (gradient == FormulaGradientChoice.Emitted && FormulaGradients.TryDifferentiate(lowered) is { } derivatives && FormulaEmitter.CanEmit(lowered))
        {
            Type emitted = FormulaEmitter.Emit(lowered, ExpressionFusion.Fuse(derivatives.X), ExpressionFusion.Fuse(derivatives.Y));
            return Entry(Activator.CreateInstance(emitted)!, info);
        }

        IFormulaNode compiled = FormulaCompiler.Compile(lowered);
        Type landscapeType = typeof(FormulaLandscape<,>).MakeGenericType(compiled.GetType(), typeof(AutomaticGradient));
        return Entry(Activator.CreateInstance(landscapeType, compiled, new AutomaticGradient())!, info);
    }

    /// <summary>
    /// <paramref name="formula"/> parsed and lowered to an expression in the axes (x, or y alone mapped along the
    /// horizontal axis), and the landscape's description.
    /// </summary>
    /// <exception cref="FormulaSyntaxException">The formula cannot be read, uses unknown names, or uses neither x nor y.</exception>
    internal static (Expression Lowered, LandscapeInfo Info) Lower(string formula)
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
        return (lowered, new LandscapeInfo("formula", formula.Trim(), dimensions, box, [], Defaults, note, usesX ? null : ["y"]));
    }

    /// <summary>The entry of <paramref name="landscape"/>, an <see cref="ILandscape"/> struct whose type is known only at run time.</summary>
    internal static LandscapeEntry Entry(object landscape, LandscapeInfo info) =>
        (LandscapeEntry)CreateEntry.MakeGenericMethod(landscape.GetType()).Invoke(null, [landscape, info])!;
}
