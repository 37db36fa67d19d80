using System.Reflection;
using System.Reflection.Emit;
using ILGPU;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes.Formulas.Nodes;
using LandscapeGpu.Landscapes.Formulas.Symbolic;
using LandscapeGpu.Landscapes.Models;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Landscapes.Formulas.Emitted;

/// <summary>
/// Compiles a model fitted to data (a <see cref="ModelCalculus"/>) into IL: a new struct type whose loss, gradient and
/// Hessian are each one method holding one loop over the data rows, the rows read from the struct's
/// <see cref="IModelData{TSelf}.Data"/> view. Nothing is interpreted per row and nothing is called per row but the
/// small leaf operations of <see cref="FormulaOperations"/>, which the JIT and ILGPU inline; on SIMD lanes each
/// instruction serves one start per lane while the rows stream from cache.
/// </summary>
/// <remarks>
/// Two shapes: <see cref="EmitWeightModel"/> implements <see cref="IWeightModel"/> (K trained weights read from and
/// written to a weight vector through constrained calls of its static abstract members, constant indices), and
/// <see cref="EmitLandscape"/> implements <see cref="ILandscape"/> (one or two weights on the map's axes), replacing the
/// forward-mode automatic differentiation of every row through <see cref="Dual{T}"/>, whose data constants carried
/// zero derivatives the JIT cannot drop. Per row, a subexpression used more than once (a tanh shared by the residual and
/// every derivative, a data value) is computed once into a local; a subexpression of the weights alone is computed
/// before the loop.
/// </remarks>
public static class ModelEmitter
{
    private static readonly Lock Gate = new();
    private static readonly ModuleBuilder Module = AssemblyBuilder
        .DefineDynamicAssembly(new AssemblyName("LandscapeGpu.EmittedModels"), AssemblyBuilderAccess.Run)
        .DefineDynamicModule("LandscapeGpu.EmittedModels");

    private const MethodAttributes InterfaceMethod =
        MethodAttributes.Public | MethodAttributes.Virtual | MethodAttributes.Final | MethodAttributes.HideBySig | MethodAttributes.NewSlot;

    private static readonly MethodInfo ViewLength = typeof(ArrayView<double>).GetProperty(nameof(ArrayView<double>.Length))!.GetMethod!;
    private static readonly MethodInfo ViewItem = typeof(ArrayView<double>).GetProperties()
        .Single(property => property.GetIndexParameters() is [{ ParameterType: var index }] && index == typeof(int)).GetMethod!;

    private static int emitted;

    // The most sums (twice, for the rows of a pair) and weights for which the row loop takes rows in pairs: with a
    // tanh chain's values and constants per row they still fit the 32 vector registers (see EmitRowLoop).
    private const int PairedValues = 8;

    /// <summary>Whether <paramref name="model"/> can be emitted: its leaves are trained weights, data columns and numbers.</summary>
    public static bool CanEmit(Expression model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model switch
        {
            NumberExpression or WeightExpression or LeafExpression { Node: DataColumn } => true,
            LeafExpression => false,
            _ => model.Children.All(CanEmit),
        };
    }

    /// <summary>
    /// A new struct type implementing <see cref="IWeightModel"/> and <see cref="IModelData{TSelf}"/> for
    /// <paramref name="calculus"/>, with a public constructor taking the data view. Its methods read weights 0 to K − 1
    /// of the vector passed in; the vector's capacity must be at least K (entries beyond it read as zero).
    /// </summary>
    public static Type EmitWeightModel(ModelCalculus calculus)
    {
        ArgumentNullException.ThrowIfNull(calculus);
        lock (Gate)
        {
            (TypeBuilder type, FieldBuilder data) = DefineModelType("WeightModel");
            type.AddInterfaceImplementation(typeof(IWeightModel));
            DefineCount(type, calculus.Count);

            // Loss: one sum.
            (MethodBuilder method, Type[] parameters) = DefineOverride(type, typeof(IWeightModel).GetMethod(nameof(IWeightModel.Loss))!);
            ILGenerator il = method.GetILGenerator();
            Type t = parameters[0], weights = parameters[1];
            LocalBuilder[] weightValues = LoadWeights(il, t, weights, calculus.Count);
            (LocalBuilder[] sums, LocalBuilder rows) = EmitRowLoop(il, t, data, calculus.Columns, weightValues,
                [new BinaryExpression(BinaryOperation.Add, new SumExpression(0), calculus.Score)]);
            EmitMean(il, t, sums[0], 1, rows);
            il.Emit(OpCodes.Ret);

            // Gradient: K sums, written to the out vector (zeroed first, so entries from K up are zero).
            (method, parameters) = DefineOverride(type, typeof(IWeightModel).GetMethod(nameof(IWeightModel.Gradient))!);
            il = method.GetILGenerator();
            t = parameters[0];
            weights = parameters[1];
            weightValues = LoadWeights(il, t, weights, calculus.Count);
            (sums, rows) = EmitRowLoop(il, t, data, calculus.Columns, weightValues, calculus.GradientTerms(k => new SumExpression(k)));
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Initobj, weights);
            MethodInfo set = InterfaceMember(typeof(IWeights<,>), [t, weights], nameof(IWeights<Real64, Weights4<Real64>>.Set));
            for (int k = 0; k < calculus.Count; k++)
            {
                il.Emit(OpCodes.Ldarg_2);
                il.Emit(OpCodes.Ldc_I4, k);
                EmitMean(il, t, sums[k], calculus.Factor, rows);
                il.Emit(OpCodes.Constrained, weights);
                il.Emit(OpCodes.Call, set);
            }

            il.Emit(OpCodes.Ret);

            // Hessian: the K(K + 1)/2 sums of the lower triangle.
            (method, parameters) = DefineOverride(type, typeof(IWeightModel).GetMethod(nameof(IWeightModel.Hessian))!);
            il = method.GetILGenerator();
            t = parameters[0];
            weights = parameters[1];
            Type hessian = parameters[2];
            weightValues = LoadWeights(il, t, weights, calculus.Count);
            (sums, rows) = EmitRowLoop(il, t, data, calculus.Columns, weightValues, calculus.HessianTerms(i => new SumExpression(i)));
            il.Emit(OpCodes.Ldarg_2);
            il.Emit(OpCodes.Initobj, hessian);
            MethodInfo setEntry = InterfaceMember(typeof(ISymmetricWeights<,>), [t, hessian], nameof(ISymmetricWeights<Real64, SymmetricWeights4<Real64>>.Set));
            int entry = 0;
            for (int k = 0; k < calculus.Count; k++)
            {
                for (int l = 0; l <= k; l++)
                {
                    il.Emit(OpCodes.Ldarg_2);
                    il.Emit(OpCodes.Ldc_I4, k);
                    il.Emit(OpCodes.Ldc_I4, l);
                    EmitMean(il, t, sums[entry++], calculus.Factor, rows);
                    il.Emit(OpCodes.Constrained, hessian);
                    il.Emit(OpCodes.Call, setEntry);
                }
            }

            il.Emit(OpCodes.Ret);
            return type.CreateType();
        }
    }

    /// <summary>
    /// A new struct type implementing <see cref="ILandscape"/> and <see cref="IModelData{TSelf}"/> for
    /// <paramref name="calculus"/> of one or two trained weights: weight 0 on the horizontal axis, weight 1 on the
    /// vertical one (a model of one weight ignores y and has a zero y-gradient). Second derivatives, for Newton's
    /// method, come from its loss run over <see cref="HyperDual{T}"/> (<see cref="Derivatives.SecondOrder"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The calculus is of more than two weights.</exception>
    public static Type EmitLandscape(ModelCalculus calculus)
    {
        ArgumentNullException.ThrowIfNull(calculus);
        if (calculus.Count > 2)
        {
            throw new ArgumentException($"a landscape has at most two weights, on its axes; this model has {calculus.Count}", nameof(calculus));
        }

        lock (Gate)
        {
            (TypeBuilder type, FieldBuilder data) = DefineModelType("ModelLandscape");
            type.AddInterfaceImplementation(typeof(ILandscape));

            (MethodBuilder method, Type[] parameters) = DefineOverride(type, typeof(ILandscape).GetMethod(nameof(ILandscape.Loss))!);
            ILGenerator il = method.GetILGenerator();
            Type t = parameters[0];
            (LocalBuilder[] sums, LocalBuilder rows) = EmitRowLoop(il, t, data, calculus.Columns, AxisWeights(il, t, calculus.Count),
                [new BinaryExpression(BinaryOperation.Add, new SumExpression(0), calculus.Score)]);
            EmitMean(il, t, sums[0], 1, rows);
            il.Emit(OpCodes.Ret);

            (method, parameters) = DefineOverride(type, typeof(ILandscape).GetMethod(nameof(ILandscape.Gradient))!);
            il = method.GetILGenerator();
            t = parameters[0];
            (sums, rows) = EmitRowLoop(il, t, data, calculus.Columns, AxisWeights(il, t, calculus.Count), calculus.GradientTerms(k => new SumExpression(k)));
            il.Emit(OpCodes.Ldarg_3);
            EmitMean(il, t, sums[0], calculus.Factor, rows);
            il.Emit(OpCodes.Stobj, t);
            il.Emit(OpCodes.Ldarg_S, (byte)4);
            if (calculus.Count == 2)
            {
                EmitMean(il, t, sums[1], calculus.Factor, rows);
            }
            else
            {
                EmitConstant(il, t, 0);
            }

            il.Emit(OpCodes.Stobj, t);
            il.Emit(OpCodes.Ret);
            return type.CreateType();
        }
    }

    // A sum over the rows, as a leaf of the expressions a row adds to it.
    private sealed record SumExpression(int Index) : Expression
    {
        public override IEnumerable<Expression> Children => [];
    }

    // A public struct with the data view as its field, a constructor taking it, and IModelData<itself>.
    private static (TypeBuilder Type, FieldBuilder Data) DefineModelType(string kind)
    {
        TypeBuilder type = Module.DefineType(
            $"LandscapeGpu.EmittedModels.{kind}{++emitted}",
            TypeAttributes.Public | TypeAttributes.Sealed | TypeAttributes.SequentialLayout | TypeAttributes.BeforeFieldInit,
            typeof(ValueType));
        // The view is a public field, as ModelLandscape's is, so that ILGPU's kernel marshalling finds it; the property of
        // IModelData reads it.
        FieldBuilder data = type.DefineField("View", typeof(ArrayView<double>), FieldAttributes.Public | FieldAttributes.InitOnly);

        ConstructorBuilder constructor = type.DefineConstructor(MethodAttributes.Public | MethodAttributes.HideBySig, CallingConventions.Standard, [typeof(ArrayView<double>)]);
        constructor.DefineParameter(1, ParameterAttributes.None, "data");
        ILGenerator il = constructor.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Stfld, data);
        il.Emit(OpCodes.Ret);

        Type dataInterface = typeof(IModelData<>).MakeGenericType(type);
        type.AddInterfaceImplementation(dataInterface);
        MethodBuilder getData = type.DefineMethod("get_Data", InterfaceMethod | MethodAttributes.SpecialName, typeof(ArrayView<double>), Type.EmptyTypes);
        il = getData.GetILGenerator();
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, data);
        il.Emit(OpCodes.Ret);
        type.DefineProperty(nameof(IModelData<>.Data), PropertyAttributes.None, typeof(ArrayView<double>), null).SetGetMethod(getData);
        type.DefineMethodOverride(getData, TypeBuilder.GetMethod(dataInterface, typeof(IModelData<>).GetProperty(nameof(IModelData<>.Data))!.GetMethod!));

        MethodBuilder withData = type.DefineMethod(nameof(IModelData<>.WithData), InterfaceMethod, type, [typeof(ArrayView<double>)]);
        withData.DefineParameter(1, ParameterAttributes.None, "data");
        il = withData.GetILGenerator();
        il.Emit(OpCodes.Ldarg_1);
        il.Emit(OpCodes.Newobj, constructor);
        il.Emit(OpCodes.Ret);
        type.DefineMethodOverride(withData, TypeBuilder.GetMethod(dataInterface, typeof(IModelData<>).GetMethod(nameof(IModelData<>.WithData))!));
        return (type, data);
    }

    private static void DefineCount(TypeBuilder type, int count)
    {
        MethodBuilder getter = type.DefineMethod("get_Count", InterfaceMethod | MethodAttributes.SpecialName, typeof(int), Type.EmptyTypes);
        ILGenerator il = getter.GetILGenerator();
        il.Emit(OpCodes.Ldc_I4, count);
        il.Emit(OpCodes.Ret);
        type.DefineProperty(nameof(IWeightModel.Count), PropertyAttributes.None, typeof(int), null).SetGetMethod(getter);
        type.DefineMethodOverride(getter, typeof(IWeightModel).GetProperty(nameof(IWeightModel.Count))!.GetMethod!);
    }

    // A generic method implementing the generic interface method: the same type parameters with the same constraints,
    // the same parameters with the same required modifiers (an 'in' parameter of an interface method carries
    // modreq(InAttribute), and an override must match it). The signature must be set before anything gives the method
    // its metadata token (implementation flags, parameters), or it is silently ignored.
    private static (MethodBuilder Method, Type[] TypeParameters) DefineOverride(TypeBuilder type, MethodInfo interfaceMethod)
    {
        MethodBuilder method = type.DefineMethod(interfaceMethod.Name, InterfaceMethod);
        Type[] declared = interfaceMethod.GetGenericArguments();
        GenericTypeParameterBuilder[] builders = method.DefineGenericParameters(declared.Select(parameter => parameter.Name).ToArray());
        Type Substitute(Type type) =>
            type.IsGenericMethodParameter ? builders[type.GenericParameterPosition]
            : type.IsByRef ? Substitute(type.GetElementType()!).MakeByRefType()
            : type.IsGenericType ? type.GetGenericTypeDefinition().MakeGenericType(type.GetGenericArguments().Select(Substitute).ToArray())
            : type;

        for (int i = 0; i < declared.Length; i++)
        {
            builders[i].SetGenericParameterAttributes(declared[i].GenericParameterAttributes);
            Type[] constraints = declared[i].GetGenericParameterConstraints();
            if (constraints.FirstOrDefault(constraint => !constraint.IsInterface) is { } baseType)
            {
                builders[i].SetBaseTypeConstraint(baseType);
            }

            builders[i].SetInterfaceConstraints(constraints.Where(constraint => constraint.IsInterface).Select(Substitute).ToArray());
        }

        ParameterInfo[] parameters = interfaceMethod.GetParameters();
        method.SetSignature(
            Substitute(interfaceMethod.ReturnType),
            interfaceMethod.ReturnParameter.GetRequiredCustomModifiers(),
            interfaceMethod.ReturnParameter.GetOptionalCustomModifiers(),
            parameters.Select(parameter => Substitute(parameter.ParameterType)).ToArray(),
            parameters.Select(parameter => parameter.GetRequiredCustomModifiers()).ToArray(),
            parameters.Select(parameter => parameter.GetOptionalCustomModifiers()).ToArray());
        // Not inlined: the view's indexer, read once before the row loop, holds two cold Trace.Assert calls, and
        // inlined into a descent loop they made the JIT keep the row loop's sums in memory across the whole loop nest
        // (a Lanes16F32 gradient of w2*tanh(w1*x) took 3.5 times as long). A call per gradient costs nothing beside
        // the rows. Optimized at once: a method with a loop would otherwise start unoptimized.
        method.SetImplementationFlags(MethodImplAttributes.AggressiveOptimization);

        for (int i = 0; i < parameters.Length; i++)
        {
            method.DefineParameter(i + 1, parameters[i].Attributes, parameters[i].Name);
        }

        type.DefineMethodOverride(method, interfaceMethod);
        return (method, builders);
    }

    // A static abstract member of a generic interface over the method's type parameters, for a constrained call.
    private static MethodInfo InterfaceMember(Type genericInterface, Type[] arguments, string name) =>
        TypeBuilder.GetMethod(genericInterface.MakeGenericType(arguments), genericInterface.GetMethod(name)!);

    // Weights 0 to K − 1 of the vector in argument 1, each read once into a local by a constrained call of TWeights.Get.
    private static LocalBuilder[] LoadWeights(ILGenerator il, Type t, Type weights, int count)
    {
        MethodInfo get = InterfaceMember(typeof(IWeights<,>), [t, weights], nameof(IWeights<Real64, Weights4<Real64>>.Get));
        var values = new LocalBuilder[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = il.DeclareLocal(t);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4, k);
            il.Emit(OpCodes.Constrained, weights);
            il.Emit(OpCodes.Call, get);
            il.Emit(OpCodes.Stloc, values[k]);
        }

        return values;
    }

    // The axis arguments x and y (arguments 1 and 2) as weights 0 and 1.
    private static LocalBuilder[] AxisWeights(ILGenerator il, Type t, int count)
    {
        var values = new LocalBuilder[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = il.DeclareLocal(t);
            il.Emit(k == 0 ? OpCodes.Ldarg_1 : OpCodes.Ldarg_2);
            il.Emit(OpCodes.Stloc, values[k]);
        }

        return values;
    }

    // The loop over the rows. Each sum starts at zero; row by row, sum i becomes terms[i], an expression of the weights,
    // the row's data columns and the sums (SumExpression leaves). Returns the sums' locals and the row count's.
    //
    // The rows go two at a time into two sets of sums, one for each row of a pair, added once after the loop (an odd
    // row count's first row goes to the first sums, before the loop): a row's terms are one dependent chain through tanh and its division, and
    // with one row per iteration the core held only two or three rows in flight; two independent chains per iteration
    // overlap. The sum is therefore not in row order, and rounds differently from a row-by-row sum. Only where the
    // sums and weights are few: the XOR network's gradient (9 weights, twice 9 sums) in pairs ran out of the 32 vector
    // registers and took 5.7 times as long; it keeps one row at a time.
    private static (LocalBuilder[] Sums, LocalBuilder Rows) EmitRowLoop(
        ILGenerator il, Type t, FieldInfo data, int columns, LocalBuilder[] weights, IReadOnlyList<Expression> terms)
    {
        LocalBuilder view = il.DeclareLocal(typeof(ArrayView<double>));
        LocalBuilder rows = il.DeclareLocal(typeof(int));
        LocalBuilder start = il.DeclareLocal(typeof(int));
        LocalBuilder end = il.DeclareLocal(typeof(int));
        LocalBuilder row = il.DeclareLocal(typeof(double).MakeByRefType());
        var sums = new LocalBuilder[terms.Count];
        bool paired = 2 * terms.Count + weights.Length <= PairedValues;
        var oddSums = new LocalBuilder[paired ? terms.Count : 0];
        il.Emit(OpCodes.Ldarg_0);
        il.Emit(OpCodes.Ldfld, data);
        il.Emit(OpCodes.Stloc, view);
        il.Emit(OpCodes.Ldloca, view);
        il.Emit(OpCodes.Call, ViewLength);
        il.Emit(OpCodes.Ldc_I8, (long)columns);
        il.Emit(OpCodes.Div);
        il.Emit(OpCodes.Conv_I4);
        il.Emit(OpCodes.Stloc, rows);
        il.Emit(OpCodes.Ldloc, rows);
        il.Emit(OpCodes.Ldc_I4, columns);
        il.Emit(OpCodes.Mul);
        il.Emit(OpCodes.Stloc, end);
        for (int i = 0; i < sums.Length; i++)
        {
            sums[i] = il.DeclareLocal(t);
            EmitConstant(il, t, 0);
            il.Emit(OpCodes.Stloc, sums[i]);
            if (paired)
            {
                oddSums[i] = il.DeclareLocal(t);
                EmitConstant(il, t, 0);
                il.Emit(OpCodes.Stloc, oddSums[i]);
            }
        }

        // Loads a leaf of the row `rowOffset` rows on from the current one, adding to `rowSums`.
        Action<Expression> LoadLeaf(int rowOffset, LocalBuilder[] rowSums) => leaf =>
        {
            switch (leaf)
            {
                case WeightExpression weight:
                    il.Emit(OpCodes.Ldloc, weights[weight.Index]);
                    break;
                case SumExpression sum:
                    il.Emit(OpCodes.Ldloc, rowSums[sum.Index]);
                    break;
                case LeafExpression { Node: DataColumn column }:
                    il.Emit(OpCodes.Ldloc, row);
                    int offset = rowOffset * columns + column.Offset;
                    if (offset != 0)
                    {
                        il.Emit(OpCodes.Ldc_I4, offset * sizeof(double));
                        il.Emit(OpCodes.Add);
                    }

                    il.Emit(OpCodes.Ldind_R8);
                    il.Emit(OpCodes.Call, Operation(nameof(FormulaOperations.DataValue), t));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(leaf), leaf.GetType().Name, "a model's leaves are weights, data columns and numbers");
            }
        };

        var writer = new ExpressionWriter(il, t, LoadLeaf(0, sums), leaf => leaf is LeafExpression);
        foreach (Expression term in terms)
        {
            writer.Count(term);
        }

        // Subexpressions of the weights alone do not change from row to row.
        var rowDependent = new Dictionary<Expression, bool>(ReferenceEqualityComparer.Instance);
        foreach (Expression invariant in terms.SelectMany(term => Invariants(term, rowDependent)).Distinct())
        {
            writer.Precompute(invariant);
        }

        // Each copy of the body keeps its own per-row locals; all share the invariants.
        ExpressionWriter? oddWriter = paired ? writer.Fork(LoadLeaf(1, oddSums)) : null;

        // The rows are read through a reference to the current row's first value, moved on by a row each time: the
        // view's indexer checks its index and the memory's accelerator with Trace.Assert on every read (ILGPU is built
        // with TRACE), and the JIT then kept every vector of the loop in memory around those cold calls. An odd row
        // count's first row is taken before the loop, not after it: with a branch to a last row after the loop, the
        // JIT kept the four sums in memory across the loop's back edge (35 % slower than one row at a time).
        Label top = il.DefineLabel(), pairs = il.DefineLabel(), done = il.DefineLabel();
        il.Emit(OpCodes.Ldloc, end);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Ble, done);
        il.Emit(OpCodes.Ldloca, view);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Call, ViewItem);
        il.Emit(OpCodes.Stloc, row);
        il.Emit(OpCodes.Ldc_I4_0);
        il.Emit(OpCodes.Stloc, start);
        if (paired)
        {
            ExpressionWriter lastWriter = writer.Fork(LoadLeaf(0, sums));
            il.Emit(OpCodes.Ldloc, rows);
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.And);
            il.Emit(OpCodes.Brfalse, pairs);
            for (int i = 0; i < terms.Count; i++)
            {
                lastWriter.Write(terms[i]);
                il.Emit(OpCodes.Stloc, sums[i]);
            }

            il.Emit(OpCodes.Ldloc, row);
            il.Emit(OpCodes.Ldc_I4, columns * sizeof(double));
            il.Emit(OpCodes.Add);
            il.Emit(OpCodes.Stloc, row);
            il.Emit(OpCodes.Ldc_I4, columns);
            il.Emit(OpCodes.Stloc, start);
        }

        // What is left is whole pairs (unpaired, every row), perhaps none.
        il.MarkLabel(pairs);
        il.Emit(OpCodes.Ldloc, start);
        il.Emit(OpCodes.Ldloc, end);
        il.Emit(OpCodes.Bge, done);

        // Tested at the bottom: there is at least one pair (one row, unpaired) here.
        il.MarkLabel(top);
        for (int i = 0; i < terms.Count; i++)
        {
            writer.Write(terms[i]);
            il.Emit(OpCodes.Stloc, sums[i]);
        }

        for (int i = 0; i < oddSums.Length; i++)
        {
            oddWriter!.Write(terms[i]);
            il.Emit(OpCodes.Stloc, oddSums[i]);
        }

        int step = paired ? 2 : 1;
        il.Emit(OpCodes.Ldloc, row);
        il.Emit(OpCodes.Ldc_I4, step * columns * sizeof(double));
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, row);
        il.Emit(OpCodes.Ldloc, start);
        il.Emit(OpCodes.Ldc_I4, step * columns);
        il.Emit(OpCodes.Add);
        il.Emit(OpCodes.Stloc, start);
        il.Emit(OpCodes.Ldloc, start);
        il.Emit(OpCodes.Ldloc, end);
        il.Emit(OpCodes.Blt, top);

        il.MarkLabel(done);
        for (int i = 0; i < oddSums.Length; i++)
        {
            il.Emit(OpCodes.Ldloc, sums[i]);
            il.Emit(OpCodes.Ldloc, oddSums[i]);
            il.Emit(OpCodes.Call, Operation(nameof(FormulaOperations.Add), t));
            il.Emit(OpCodes.Stloc, sums[i]);
        }

        return (sums, rows);
    }

    // The largest subexpressions of the weights alone (no data column, no sum) that cost something to compute.
    private static IEnumerable<Expression> Invariants(Expression expression, Dictionary<Expression, bool> rowDependent)
    {
        if (!RowDependent(expression, rowDependent))
        {
            if (expression.Children.Any())
            {
                yield return expression;
            }

            yield break;
        }

        foreach (Expression child in expression.Children)
        {
            foreach (Expression invariant in Invariants(child, rowDependent))
            {
                yield return invariant;
            }
        }
    }

    private static bool RowDependent(Expression expression, Dictionary<Expression, bool> memo)
    {
        if (!memo.TryGetValue(expression, out bool dependent))
        {
            dependent = expression is LeafExpression or SumExpression || expression.Children.Any(child => RowDependent(child, memo));
            memo[expression] = dependent;
        }

        return dependent;
    }

    // sum · factor / rows: the mean over the rows (the factor of s′ and s″ applied once).
    private static void EmitMean(ILGenerator il, Type t, LocalBuilder sum, double factor, LocalBuilder rows)
    {
        il.Emit(OpCodes.Ldloc, sum);
        if (factor != 1)
        {
            EmitConstant(il, t, factor);
            il.Emit(OpCodes.Call, Operation(nameof(FormulaOperations.Multiply), t));
        }

        il.Emit(OpCodes.Ldloc, rows);
        il.Emit(OpCodes.Conv_R8);
        EmitConstantFromStack(il, t);
        il.Emit(OpCodes.Call, Operation(nameof(FormulaOperations.Divide), t));
    }

    private static void EmitConstant(ILGenerator il, Type t, double value)
    {
        il.Emit(OpCodes.Ldc_R8, value);
        EmitConstantFromStack(il, t);
    }

    private static void EmitConstantFromStack(ILGenerator il, Type t) =>
        il.Emit(OpCodes.Call, Operation(nameof(FormulaOperations.Constant), t));

    private static MethodInfo Operation(string name, Type t) => typeof(FormulaOperations).GetMethod(name)!.MakeGenericMethod(t);
}
