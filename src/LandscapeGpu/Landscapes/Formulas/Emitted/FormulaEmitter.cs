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
            Writer(il, lossT, loss).Write(loss);
            il.Emit(OpCodes.Ret);
            type.DefineMethodOverride(lossMethod, InterfaceLoss);

            (MethodBuilder gradientMethod, GenericTypeParameterBuilder gradientT) = DefineGeneric(type, nameof(ILandscape.Gradient));
            gradientMethod.SetSignature(typeof(void), null, null, [gradientT, gradientT, gradientT.MakeByRefType(), gradientT.MakeByRefType()], null, null);
            gradientMethod.SetImplementationFlags(MethodImplAttributes.AggressiveInlining);
            il = gradientMethod.GetILGenerator();
            ExpressionWriter writer = Writer(il, gradientT, gradientX, gradientY);
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

    // A writer whose leaves are the axis variables, the method's first two arguments.
    private static ExpressionWriter Writer(ILGenerator il, Type t, params Expression[] expressions)
    {
        var writer = new ExpressionWriter(il, t, leaf => il.Emit(leaf is LeafExpression { Node: AxisX } ? OpCodes.Ldarg_1 : OpCodes.Ldarg_2), _ => false);
        foreach (Expression expression in expressions)
        {
            writer.Count(expression);
        }

        return writer;
    }
}
