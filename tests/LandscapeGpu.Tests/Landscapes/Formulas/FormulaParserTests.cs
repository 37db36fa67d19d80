using LandscapeGpu.Basins;
using LandscapeGpu.Landscapes;
using LandscapeGpu.Landscapes.Formulas;

namespace LandscapeGpu.Tests.Landscapes.Formulas;

public sealed class FormulaParserTests
{
    // Formula and reference are the same maths in float64; they differ only by rounding order.
    private const double RoundingTolerance = 1e-12;

    [Theory]
    [InlineData("-x^2", 3, 0, -9)]
    [InlineData("2^3^2", 1, 0, 512)]
    [InlineData("x^-2", 2, 0, 0.25)]
    [InlineData("-2^2 + 0*x", 0.5, 0, -4)]
    [InlineData("1 - 2 - 3 + x", 0, 0, -4)]
    [InlineData("8 / 2 / 2 * x", 1, 0, 2)]
    [InlineData("2 + 3 * x ^ 2", 2, 0, 14)]
    [InlineData("(2 + 3) * x", 2, 0, 10)]
    [InlineData("x^3", -2, 0, -8)]
    [InlineData("pow(x, 3)", -2, 0, -8)]
    [InlineData("x^0.5", 9, 0, 3)]
    [InlineData(".5*x + 1e-3 + 2.5E+1 + 1.", 2, 0, 1 + 0.001 + 25 + 1)]
    [InlineData("x - -x", 2, 0, 4)]
    [InlineData("+x", 2, 0, 2)]
    [InlineData("pi * x", 1, 0, Math.PI)]
    [InlineData("e^x", 1, 0, Math.E)]
    [InlineData("min(x, 1) + max(x, 1)", 3, 0, 4)]
    [InlineData("x * y - y", 3, 2, 4)]
    public void Parse_PrecedenceAndNotation_EvaluatesAsWritten(string formula, double x, double y, double expected)
    {
        LandscapeEntry entry = FormulaLandscapes.Parse(formula.Contains('y') ? formula : formula + " + 0*y");
        double actual = LandscapeProbe.For(entry).Loss(x, y);
        Assert.True(Math.Abs(actual - expected) <= RoundingTolerance * (1 + Math.Abs(expected)), $"{formula} at ({x}, {y}) = {actual}, expected {expected}");
    }

    [Theory]
    [InlineData("", "the formula is empty", 1)]
    [InlineData("   ", "the formula is empty", 1)]
    [InlineData("sinn(x)+y", "unknown function 'sinn' at column 1", 1)]
    [InlineData("x + sinn(y)", "unknown function 'sinn' at column 5", 5)]
    [InlineData("x + z", "unknown name 'z' at column 5; this formula may use x and y", 5)]
    [InlineData("(x + y", "unbalanced parentheses: '(' at column 1 is never closed", 1)]
    [InlineData("x + y)", "unbalanced parentheses: ')' at column 6 has no matching '('", 6)]
    [InlineData("x + * y", "expected a number, a name or '(' but found '*' at column 5", 5)]
    [InlineData("x y", "expected an operator before 'y' at column 3", 3)]
    [InlineData("2x + y", "expected an operator before 'x' at column 2", 2)]
    [InlineData("x + y +", "expected a number, a name or '(' but found the end of the formula at column 8", 8)]
    [InlineData("x # y", "unexpected character '#' at column 3", 3)]
    [InlineData("sin + y", "'sin' at column 1 is a function: call it as sin(...)", 1)]
    [InlineData("min(x) + y", "function 'min' at column 1 takes 2 arguments, got 1", 1)]
    [InlineData("sin(x, y)", "function 'sin' at column 1 takes 1 argument, got 2", 1)]
    [InlineData("1e999 * x + y", "number '1e999' at column 1 is too large for a double", 1)]
    [InlineData("3 + 4", "the formula uses neither x nor y", 1)]
    public void Parse_BadFormula_NamesTheProblemAndPointsAtItsColumn(string formula, string expected, int column)
    {
        var error = Assert.Throws<FormulaSyntaxException>(() => FormulaLandscapes.Parse(formula));
        Assert.StartsWith(expected, error.Problem);
        Assert.Equal(column, error.Column);
        string[] lines = error.Message.Split(Environment.NewLine);
        Assert.Equal(3, lines.Length);
        Assert.Equal("  " + formula, lines[1]);
        Assert.Equal(new string(' ', column + 1) + "^", lines[2]);
    }

    [Fact]
    public void Parse_FormulaOfXAlone_IsOneDimensional()
    {
        LandscapeEntry entry = FormulaLandscapes.Parse("x^4 - 3*x^2 + x");
        Assert.Equal(1, entry.Info.Dimensions);
        Assert.Equal(-1, LandscapeProbe.For(entry).Loss(1, 123), RoundingTolerance);
    }

    [Fact]
    public void Parse_FormulaOfYAlone_MapsYAlongTheHorizontalAxis()
    {
        LandscapeEntry entry = FormulaLandscapes.Parse("(y - 2)^2");
        Assert.Equal(1, entry.Info.Dimensions);
        Assert.Equal(1, LandscapeProbe.For(entry).Loss(3, 0), RoundingTolerance);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(100_000)]
    public void Parse_DeeplyNestedParentheses_IsRefusedWithoutExhaustingTheStack(int depth)
    {
        string formula = depth * 4 + 10 > FormulaParser.MaxLength ? new string('(', depth) + "x" : new string('(', depth) + "x" + new string(')', depth);
        Assert.Throws<FormulaSyntaxException>(() => FormulaLandscapes.Parse(formula));
        Assert.Throws<FormulaSyntaxException>(() => FormulaLandscapes.Parse(new string('-', depth) + "x*y"));
    }

    [Fact]
    public void Parse_WideBalancedFormula_IsRefusedAboveTheNodeLimit()
    {
        static string Tree(int depth) => depth == 0 ? "x*y" : $"({Tree(depth - 1)}+{Tree(depth - 1)})";
        var error = Assert.Throws<FormulaSyntaxException>(() => FormulaLandscapes.Parse(Tree(7)));
        Assert.StartsWith($"the formula has 511 operations, numbers and names; at most {FormulaParser.MaxNodes} are accepted", error.Problem);
        Assert.Equal(32, LandscapeProbe.For(FormulaLandscapes.Parse(Tree(5))).Loss(1, 1), RoundingTolerance);
    }

    [Fact]
    public void Parse_LongChainOfSums_IsRefusedAboveTheDepthLimitAndAcceptedBelowIt()
    {
        Assert.Throws<FormulaSyntaxException>(() => FormulaLandscapes.Parse(string.Join(" + ", Enumerable.Repeat("x*y", FormulaParser.MaxDepth + 1))));
        LandscapeEntry entry = FormulaLandscapes.Parse(string.Join(" + ", Enumerable.Repeat("x*y", FormulaParser.MaxDepth - 3)));
        Assert.Equal(FormulaParser.MaxDepth - 3, LandscapeProbe.For(entry).Loss(1, 1), RoundingTolerance);
    }
}
