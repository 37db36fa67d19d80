using LandscapeGpu.Landscapes.Formulas;
using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Tests.Landscapes.Formulas.Symbolic;

public sealed class ExpressionAlgebraTests
{
    [Theory]
    [InlineData("x*1 + 0", "x")]
    [InlineData("0*x + y", "y")]
    [InlineData("1*x - 0", "x")]
    [InlineData("0 - x", "(-x)")]
    [InlineData("--x", "x")]
    [InlineData("-(x - y)", "(y - x)")]
    [InlineData("x - -y", "(x + y)")]
    [InlineData("x + -y", "(x - y)")]
    [InlineData("2*x*3", "(6 * x)")]
    [InlineData("2*3 + 4/8 - 1", "5.5")]
    [InlineData("x/1 + 0/y", "x")]
    [InlineData("x * -1", "(-x)")]
    [InlineData("-x * -y", "(x * y)")]
    [InlineData("(2*x) * (3*y)", "(6 * (x * y))")]
    [InlineData("x^1 + y^0", "(x + 1)")]
    [InlineData("2^3 * x^2", "(8 * (x ^ 2))")]
    [InlineData("2^-2", "0.25")]
    [InlineData("x / 0", "(x / 0)")]
    [InlineData("sin(0) * x", "(sin(0) * x)")]
    public void Simplify_Formula_GivesTheExpectedExpression(string formula, string expected) =>
        Assert.Equal(expected, ExpressionAlgebra.Simplify(Lower(formula)).ToString());

    [Theory]
    [InlineData("x^3", "x", "(3 * (x ^ 2))")]
    [InlineData("x^2", "x", "(2 * x)")]
    [InlineData("x^-1", "x", "(-(x ^ -2))")]
    [InlineData("x*y", "x", "y")]
    [InlineData("x*y", "y", "x")]
    [InlineData("x + 2*y", "y", "2")]
    [InlineData("x", "y", "0")]
    [InlineData("sin(x*y)", "x", "(cos((x * y)) * y)")]
    [InlineData("cos(x)", "x", "(-sin(x))")]
    [InlineData("exp(2*x)", "x", "(2 * exp((2 * x)))")]
    [InlineData("log(x)", "x", "(1 / x)")]
    [InlineData("sqrt(x)", "x", "(0.5 / sqrt(x))")]
    [InlineData("tanh(x)", "x", "(1 - (tanh(x) ^ 2))")]
    [InlineData("tan(x)", "x", "(1 / (cos(x) ^ 2))")]
    [InlineData("sigmoid(x)", "x", "sigmoidslope(x)")]
    [InlineData("softplus(x)", "x", "sigmoid(x)")]
    [InlineData("abs(x)", "x", "select(x < 0, -1, 1)")]
    [InlineData("relu(x)", "x", "select(x < 0, 0, 1)")]
    [InlineData("relu(y)", "x", "0")]
    [InlineData("min(x, y)", "x", "select(x < y, 1, 0)")]
    [InlineData("max(x, y)", "x", "select(x < y, 0, 1)")]
    [InlineData("x^2.5", "x", "(2.5 * (x ^ 1.5))")]
    [InlineData("2^x", "x", "((2 ^ x) * log(2))")]
    [InlineData("x / y", "y", "(-((x / y) / y))")]
    public void Derivative_Formula_GivesTheExpectedExpression(string formula, string axis, string expected)
    {
        Type axisNode = axis == "x" ? typeof(AxisX) : typeof(AxisY);
        Assert.Equal(expected, ExpressionAlgebra.Simplify(SymbolicDerivative.Of(Lower(formula), axisNode)).ToString());
    }

    [Theory]
    [InlineData("(x^2+y-11)^2 + (x+y^2-7)^2", "x", "fma(4, ((fma(x, x, y) - 11) * x), (2 * (fma(y, y, x) - 7)))")]
    [InlineData("x*y + 3", "x", "y")]
    [InlineData("x*y + y^2", "y", "fma(2, y, x)")]
    [InlineData("x^2*y - 1", "y", "(x ^ 2)")]
    [InlineData("x^2*y^2 - 1", "x", "(2 * (x * (y ^ 2)))")]
    [InlineData("x^3 + y", "x", "(3 * (x ^ 2))")]
    [InlineData("(x*y - 2)^2", "x", "(2 * (fma(x, y, -2) * y))")]
    public void Fuse_Derivative_GivesMultiplyAdds(string formula, string axis, string expected)
    {
        Type axisNode = axis == "x" ? typeof(AxisX) : typeof(AxisY);
        Assert.Equal(expected, ExpressionFusion.Fuse(ExpressionAlgebra.Simplify(SymbolicDerivative.Of(Lower(formula), axisNode))).ToString());
    }

    private static Expression Lower(string formula) => FormulaCompiler.Lower(FormulaParser.Parse(formula), formula, FormulaScope.XY);
}
