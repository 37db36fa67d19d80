using System.Reflection;
using System.Reflection.Emit;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;

namespace LandscapeGpu.Landscapes.Formulas.Emitted;

/// <summary>
/// Compiles a formula and its two partial derivatives into IL: a new struct type implementing <see cref="ILandscape"/>
/// whose <c>Loss&lt;T&gt;</c> and <c>Gradient&lt;T&gt;</c> are one method each, as a hand-written landscape's are. The
/// descent loops, ILGPU kernels and the SIMD engine then treat the formula exactly like a built-in.
/// </summary>
/// <remarks>
/// Why IL and not only the node structs (<see cref="FormulaCompiler"/>): the .NET JIT does not inline a method into
/// itself, and it counts every instantiation of one generic method as the same method, so a node inside a node of the
/// same kind (a sum inside a sum, a multiply-add inside a multiply-add) stayed a call that passed vectors through
/// memory: beale's formula ran 9 times slower than the built-in, ackley's 5.5 times. The IL calls only the small leaf
/// operations of <see cref="FormulaOperations"/>, which the node structs use too, so both round alike bit for bit.
/// Subexpressions that occur more than once (an exp or cos shared by both derivatives) are computed once into a local.
/// </remarks>
public static class FormulaEmitter
{
    private static readonly Lock Gate = new();
    private static readonly ModuleBuilder Module = AssemblyBuilder
        .DefineDynamicAssembly(new AssemblyName("LandscapeGpu.EmittedFormulas"), AssemblyBuilderAccess.Run)
        .DefineDynamicModule("LandscapeGpu.EmittedFormulas");

    private static readonly MethodInfo InterfaceLoss = typeof(ILandscape).GetMethod(nameof(ILandscape.Loss))!;
    private static readonly MethodInfo InterfaceGradient = typeof(ILandscape).GetMethod(nameof(ILandscape.Gradient))!;

    private static int emitted;

    /// <summary>
    /// Whether <paramref name="expression"/> can be emitted: every leaf is an axis (x or y); data columns of a model
    /// are read by the node structs.
    /// </summary>
    public static bool CanEmit(Expression expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return expression is LeafExpression { Node: AxisX or AxisY } or not LeafExpression
            && expression.Children.All(CanEmit);
    }

    /// <summary>
    /// A new struct type implementing <see cref="ILandscape"/>: <c>Loss</c> evaluates <paramref name="loss"/> and
    /// <c>Gradient</c> evaluates <paramref name="gradientX"/> and <paramref name="gradientY"/>, exactly as written
    /// (fuse and simplify them first).
    /// </summary>
    /// <exception cref="ArgumentException">An expression has a leaf other than x or y (see <see cref="CanEmit"/>).</exception>
    public static Type Emit(Expression loss, Expression gradientX, Expression gradientY)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(gradientX);
        ArgumentNullException.ThrowIfNull(gradientY);
        if (!CanEmit(loss) || !CanEmit(gradientX) || !CanEmit(gradientY))
        {
            throw new ArgumentException("only formulas of x and y can be emitted; data columns are read by the node structs", nameof(loss));
        }

        lock (Gate)
        {
            TypeBuilder type = Module.DefineType(
                $"LandscapeGpu.EmittedFormulas.Formula{++emitted}",
                TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.SequentialLayout | TypeAttributes.BeforeFieldInit,
                typeof(ValueType));
            type.AddInterfaceImplementation(typeof(ILandscape));

            (MethodBuilder lossMethod, GenericTypeParameterBuilder lossT) = DefineGeneric(type, nameof(ILandscape.Loss));
            lossMethod.SetSignature(lossT, null, null, [lossT, lossT], null, null);
            lossMethod.SetImplementationFlags(MethodImplAttributes.AggressiveInlining);
            ILGenerator il = lossMethod.GetILGenerator();
            new ExpressionWriter(il, lossT, [loss]).Write(loss);
            il.Emit(OpCodes.Ret);
            type.DefineMethodOverride(lossMethod, InterfaceLoss);

            (MethodBuilder gradientMethod, GenericTypeParameterBuilder gradientT) = DefineGeneric(type, nameof(ILandscape.Gradient));
            gradientMethod.SetSignature(typeof(void), null, null, [gradientT, gradientT, gradientT.MakeByRefType(), gradientT.MakeByRefType()], null, null);
            gradientMethod.SetImplementationFlags(MethodImplAttributes.AggressiveInlining);
            il = gradientMethod.GetILGenerator();
            var writer = new ExpressionWriter(il, gradientT, [gradientX, gradientY]);
            il.Emit(OpCodes.Ldarg_3);
            writer.Write(gradientX);
            il.Emit(OpCodes.Stobj, gradientT);
            il.Emit(OpCodes.Ldarg_S, (byte)4);
            writer.Write(gradientY);
            il.Emit(OpCodes.Stobj, gradientT);
            il.Emit(OpCodes.Ret);
            type.DefineMethodOverride(gradientMethod, InterfaceGradient);

            return type.CreateType();
        }
    }

    // A public generic instance method with T constrained as ILandscape's (struct, IReal<T>). Its signature must be set
    // before its implementation flags: setting flags gives the method its metadata token, after which a new
    // signature is silently ignored.
    private static (MethodBuilder Method, GenericTypeParameterBuilder T) DefineGeneric(TypeBuilder type, string name)
    {
        MethodBuilder method = type.DefineMethod(name,
            MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot);
        GenericTypeParameterBuilder t = method.DefineGenericParameters("T")[0];
        t.SetGenericParameterAttributes(GenericParameterAttributes.NotNullableValueTypeConstraint | GenericParameterAttributes.DefaultConstructorConstraint);
        t.SetBaseTypeConstraint(typeof(ValueType));
        t.SetInterfaceConstraints(typeof(IReal<>).MakeGenericType(t));
        return (method, t);
    }

    // Writes expressions as IL that leaves their value on the stack. A subexpression that occurs more than once among
    // the method's expressions is computed at its first use, kept in a local and loaded at the others. Numbers and
    // leaves are not shared: they cost nothing, and record equality would merge 0 and −0.
    private sealed class ExpressionWriter
    {
        private readonly ILGenerator il;
        private readonly Type t;
        private readonly HashSet<Expression> shared = [];
        private readonly Dictionary<Expression, LocalBuilder> locals = [];

        public ExpressionWriter(ILGenerator il, Type t, IEnumerable<Expression> expressions)
        {
            this.il = il;
            this.t = t;
            var seen = new HashSet<Expression>();
            foreach (Expression expression in expressions)
            {
                Count(expression, seen);
            }
        }

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
                    break;
                case LeafExpression { Node: AxisX }:
                    il.Emit(OpCodes.Ldarg_1);
                    break;
                case LeafExpression { Node: AxisY }:
                    il.Emit(OpCodes.Ldarg_2);
                    break;
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

        // The FormulaOperations method of an operation node, which takes the node's children in order.
        private static string OperationName(Expression expression) => expression switch
        {
            UnaryExpression unary => unary.Operation.ToString(),
            BinaryExpression binary => binary.Operation.ToString(),
            SelectExpression => nameof(FormulaOperations.LessSelect),
            _ => nameof(FormulaOperations.MultiplyAdd),
        };

        // Counts occurrences; a repeated subtree's own children are counted once, as they are computed once.
        private void Count(Expression expression, HashSet<Expression> seen)
        {
            if (expression is NumberExpression or LeafExpression)
            {
                return;
            }

            if (!seen.Add(expression))
            {
                shared.Add(expression);
                return;
            }

            foreach (Expression child in expression.Children)
            {
                Count(child, seen);
            }
        }

        private void Call(string operation)
        {
            MethodInfo method = typeof(FormulaOperations).GetMethod(operation)
                ?? throw new InvalidOperationException($"FormulaOperations has no operation {operation}");
            il.Emit(OpCodes.Call, method.MakeGenericMethod(t));
        }
    }
}
