using System.Reflection;
using System.Reflection.Emit;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Landscapes.Formulas.Emitted;

/// <summary>
/// Writes expressions as IL that leaves their value on the stack, calling the leaf operations of
/// <see cref="FormulaOperations"/> (so the IL rounds as the node structs do). A subexpression that occurs more than
/// once among the expressions given is computed at its first use, kept in a local and loaded at the others. Numbers are
/// not shared: they cost nothing, and record equality would merge 0 and −0. How a variable is loaded (an argument, a
/// local, a data column of the current row) is the caller's: <paramref name="loadLeaf"/> emits it, and
/// <paramref name="shareLeaf"/> says which leaves are worth a local (a data read is, an argument is not).
/// </summary>
/// <param name="il">The method body.</param>
/// <param name="t">The number type parameter.</param>
/// <param name="loadLeaf">Emits the value of a leaf: any expression without children other than a number.</param>
/// <param name="shareLeaf">Whether a leaf used more than once is loaded once into a local.</param>
internal sealed class ExpressionWriter(ILGenerator il, Type t, Action<Expression> loadLeaf, Func<Expression, bool> shareLeaf)
{
    private readonly HashSet<Expression> seen = [];
    private readonly HashSet<Expression> shared = [];
    private readonly Dictionary<Expression, LocalBuilder> locals = [];

    /// <summary>Counts the subexpressions of <paramref name="expression"/> among those this writer will write.</summary>
    public void Count(Expression expression)
    {
        if (expression is NumberExpression || (!expression.Children.Any() && !shareLeaf(expression)))
        {
            return;
        }

        if (!seen.Add(expression))
        {
            shared.Add(expression);
            return;
        }

        // A repeated subtree's own children are counted once, as they are computed once.
        foreach (Expression child in expression.Children)
        {
            Count(child);
        }
    }

    /// <summary>Computes <paramref name="expression"/> now into a local that every later use loads (a value hoisted out of a loop).</summary>
    public void Precompute(Expression expression)
    {
        if (locals.ContainsKey(expression))
        {
            return;
        }

        Write(expression);
        if (locals.ContainsKey(expression))
        {
            il.Emit(OpCodes.Pop);
            return;
        }

        LocalBuilder value = il.DeclareLocal(t);
        il.Emit(OpCodes.Stloc, value);
        locals.Add(expression, value);
    }

    /// <summary>
    /// A writer of the same expressions that loads leaves through <paramref name="otherLoadLeaf"/> and starts with the
    /// values this one has computed so far (those hoisted out of a loop by <see cref="Precompute"/>): a second copy of a
    /// loop body, over another row, computes its own per-row values but not the invariants again.
    /// </summary>
    public ExpressionWriter Fork(Action<Expression> otherLoadLeaf)
    {
        var fork = new ExpressionWriter(il, t, otherLoadLeaf, shareLeaf);
        fork.seen.UnionWith(seen);
        fork.shared.UnionWith(shared);
        foreach ((Expression expression, LocalBuilder local) in locals)
        {
            fork.locals.Add(expression, local);
        }

        return fork;
    }

    /// <summary>Emits IL that pushes the value of <paramref name="expression"/>.</summary>
    public void Write(Expression expression)
    {
        if (locals.TryGetValue(expression, out LocalBuilder? local))
        {
            il.Emit(OpCodes.Ldloc, local);
            return;
        }

        switch (expression)
        {
            case NumberExpression number:
                il.Emit(OpCodes.Ldc_R8, number.Value);
                Call(nameof(FormulaOperations.Constant));
                return;
            case IntegerPowerExpression { Exponent: 2 or 3 } power:
                Write(power.Operand);
                Call(power.Exponent == 2 ? nameof(FormulaOperations.Square) : nameof(FormulaOperations.Cube));
                break;
            case IntegerPowerExpression power:
                Write(power.Operand);
                il.Emit(OpCodes.Ldc_I4, power.Exponent);
                Call(nameof(FormulaOperations.IntegerPower));
                break;
            case UnaryExpression or BinaryExpression or SelectExpression or MultiplyAddExpression:
                foreach (Expression operand in expression.Children)
                {
                    Write(operand);
                }

                Call(OperationName(expression));
                break;
            case var leaf when !leaf.Children.Any():
                loadLeaf(leaf);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "cannot emit this expression");
        }

        if (shared.Contains(expression))
        {
            LocalBuilder value = il.DeclareLocal(t);
            il.Emit(OpCodes.Dup);
            il.Emit(OpCodes.Stloc, value);
            locals.Add(expression, value);
        }
    }

    /// <summary>Emits a call of the <see cref="FormulaOperations"/> method <paramref name="operation"/> over the number type.</summary>
    public void Call(string operation)
    {
        MethodInfo method = typeof(FormulaOperations).GetMethod(operation)
            ?? throw new InvalidOperationException($"FormulaOperations has no operation {operation}");
        il.Emit(OpCodes.Call, method.MakeGenericMethod(t));
    }

    // The FormulaOperations method of an operation node, which takes the node's children in order.
    private static string OperationName(Expression expression) => expression switch
    {
        UnaryExpression unary => unary.Operation.ToString(),
        BinaryExpression binary => binary.Operation.ToString(),
        SelectExpression => nameof(FormulaOperations.LessSelect),
        _ => nameof(FormulaOperations.MultiplyAdd),
    };
}
