using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;
using LandscapeGpu.Landscapes.Models;
using static LandscapeGpu.Landscapes.Formulas.Symbolic.ExpressionAlgebra;

namespace LandscapeGpu.Landscapes.Formulas.Emitted;

/// <summary>
/// The calculus of a model's loss, mean over the rows of s(m(w; row) − y), in its trained weights w₀ … w_(K−1):
/// per row, the residual r = m − y, its score s(r), and the model's symbolic first and second partial derivatives;
/// the loss's gradient is mean(s′(r) ∂m/∂wₖ) and its Hessian mean(s″(r) ∂m/∂wₖ ∂m/∂wₗ + s′(r) ∂²m/∂wₖ∂wₗ).
/// </summary>
/// <remarks>
/// s′ and s″ are written as <see cref="Factor"/> times <see cref="Slope"/> and <see cref="Curvature"/>: the squared
/// error's factor 2 is applied once to the sums, not once per row. The score is built with the same operations, in
/// the same order, as the <see cref="IResidualLoss"/> structs, so the generated loss rounds as theirs does; the slope
/// and curvature follow <see cref="Arithmetic.Dual{T}"/>'s choices at kinks (|r|′ = −1 where r &lt; 0, else 1).
/// </remarks>
public sealed class ModelCalculus
{
    private readonly Expression?[,] second;

    /// <summary>Differentiates <paramref name="model"/>.</summary>
    /// <param name="model">The model: trained weights as <see cref="WeightExpression"/> leaves, inputs as <see cref="DataColumn"/> leaves, everything else numbers.</param>
    /// <param name="count">K: how many weights are trained (indices 0 to K − 1).</param>
    /// <param name="columns">Values per data row.</param>
    /// <param name="targetColumn">The index of y within a row.</param>
    /// <param name="loss">How a residual is scored.</param>
    /// <exception cref="ArgumentException">The model holds a leaf other than a trained weight below K, a data column or a number.</exception>
    public ModelCalculus(Expression model, int count, int columns, int targetColumn, ResidualLossKind loss)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(targetColumn);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(targetColumn, columns);
        if (FirstBadLeaf(model, count, columns) is { } bad)
        {
            throw new ArgumentException($"the model holds the leaf {bad}: only trained weights 0 to {count - 1}, data columns and numbers can be generated", nameof(model));
        }

        Model = model;
        Count = count;
        Columns = columns;
        TargetColumn = targetColumn;
        Loss = loss;
        Expression r = new BinaryExpression(BinaryOperation.Subtract, model, new LeafExpression(new DataColumn(targetColumn)));
        Residual = r;
        (Score, Slope, Curvature, Factor) = loss switch
        {
            ResidualLossKind.Mse => ((Expression)new BinaryExpression(BinaryOperation.Multiply, r, r), r, (Expression)NumberExpression.One, 2.0),
            ResidualLossKind.Mae => (new UnaryExpression(UnaryOperation.AbsoluteValue, r),
                new SelectExpression(r, NumberExpression.Zero, new NumberExpression(-1), NumberExpression.One), (Expression)NumberExpression.Zero, 1.0),
            ResidualLossKind.LogCosh => (LogCosh(r), (Expression)new UnaryExpression(UnaryOperation.HyperbolicTangent, r),
                Subtract(NumberExpression.One, IntegerPower(new UnaryExpression(UnaryOperation.HyperbolicTangent, r), 2)), 1.0),
            _ => throw new ArgumentOutOfRangeException(nameof(loss), loss, "unknown residual loss"),
        };

        First = Enumerable.Range(0, count).Select(k => Simplify(SymbolicDerivative.Of(model, k))).ToArray();
        second = new Expression?[count, count];
    }

    /// <summary>The model.</summary>
    public Expression Model { get; }

    /// <summary>K.</summary>
    public int Count { get; }

    /// <summary>Values per data row.</summary>
    public int Columns { get; }

    /// <summary>The index of y within a row.</summary>
    public int TargetColumn { get; }

    /// <summary>How a residual is scored.</summary>
    public ResidualLossKind Loss { get; }

    /// <summary>r = m − y.</summary>
    public Expression Residual { get; }

    /// <summary>s(r): what the loss averages.</summary>
    public Expression Score { get; }

    /// <summary>s′(r) / <see cref="Factor"/>.</summary>
    public Expression Slope { get; }

    /// <summary>s″(r) / <see cref="Factor"/>.</summary>
    public Expression Curvature { get; }

    /// <summary>The constant factor of s′ and s″ (2 for the squared error, else 1).</summary>
    public double Factor { get; }

    /// <summary>∂m/∂wₖ, simplified, for k from 0 to K − 1.</summary>
    public IReadOnlyList<Expression> First { get; }

    /// <summary>∂²m/∂wₖ∂wₗ, simplified (computed on first use).</summary>
    public Expression Second(int k, int l)
    {
        if (k < l)
        {
            (k, l) = (l, k);
        }

        return second[k, l] ??= Simplify(SymbolicDerivative.Of(First[l], k));
    }

    /// <summary>
    /// Per row, what the gradient's K sums add, each fused with its sum: <c>sum + s′/Factor · ∂m/∂wₖ</c>, the sum
    /// being the leaf <paramref name="sum"/>(k).
    /// </summary>
    public IReadOnlyList<Expression> GradientTerms(Func<int, Expression> sum) =>
        Enumerable.Range(0, Count).Select(k => ExpressionFusion.Fuse(Add(sum(k), Multiply(Slope, First[k])))).ToArray();

    /// <summary>
    /// Per row, what the Hessian's sums of the lower triangle (row k ≥ column l, in row order) add, each fused with its
    /// sum: <c>sum + s″/Factor · ∂m/∂wₖ · ∂m/∂wₗ + s′/Factor · ∂²m/∂wₖ∂wₗ</c>, the sum of entry i being the leaf <paramref name="sum"/>(i).
    /// </summary>
    public IReadOnlyList<Expression> HessianTerms(Func<int, Expression> sum)
    {
        var terms = new List<Expression>();
        for (int k = 0; k < Count; k++)
        {
            for (int l = 0; l <= k; l++)
            {
                Expression curvature = Multiply(Curvature, Multiply(First[k], First[l]));
                terms.Add(ExpressionFusion.Fuse(Add(Add(sum(terms.Count), curvature), Multiply(Slope, Second(k, l)))));
            }
        }

        return terms;
    }

    // |r| + log(1 + exp(−2|r|)) − log 2, as LogCoshError computes it.
    private static Expression LogCosh(Expression r)
    {
        Expression magnitude = new UnaryExpression(UnaryOperation.AbsoluteValue, r);
        Expression decay = new UnaryExpression(UnaryOperation.Exponential, new BinaryExpression(BinaryOperation.Multiply, new NumberExpression(-2), magnitude));
        Expression logarithm = new UnaryExpression(UnaryOperation.Logarithm, new BinaryExpression(BinaryOperation.Add, NumberExpression.One, decay));
        return new BinaryExpression(BinaryOperation.Subtract, new BinaryExpression(BinaryOperation.Add, magnitude, logarithm), new NumberExpression(Math.Log(2)));
    }

    private static Expression? FirstBadLeaf(Expression expression, int count, int columns) => expression switch
    {
        NumberExpression => null,
        WeightExpression weight => weight.Index < count ? null : expression,
        LeafExpression { Node: DataColumn column } => column.Offset < columns ? null : expression,
        LeafExpression => expression,
        _ => expression.Children.Select(child => FirstBadLeaf(child, count, columns)).FirstOrDefault(bad => bad is not null),
    };
}
