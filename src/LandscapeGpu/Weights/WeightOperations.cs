using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Weights;

// The per-weight rules of the K-weight optimizers and descent loop, each mapping three zeros to zero (see
// IWeights.Map), each rounding exactly as its 2-D counterpart in Optimizers/.

/// <summary>scale·a + b, one multiply-add (gradient descent and Newton with scale −lr).</summary>
internal readonly struct ScaledAdd<T>(T scale) : IWeightOperation<T> where T : struct, IReal<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply(T a, T b, T c) => T.MultiplyAdd(scale, a, b);
}

/// <summary>μ·a + b: a velocity from the last one and the gradient.</summary>
internal readonly struct Velocity<T>(T momentum) : IWeightOperation<T> where T : struct, IReal<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply(T a, T b, T c) => momentum * a + b;
}

/// <summary>a − lr·b.</summary>
internal readonly struct Subtract<T>(T learningRate) : IWeightOperation<T> where T : struct, IReal<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply(T a, T b, T c) => a - learningRate * b;
}

/// <summary>a − lr·(b + μ·c): Nesterov's look-ahead update from the weight, the gradient and the velocity.</summary>
internal readonly struct NesterovUpdate<T>(T learningRate, T momentum) : IWeightOperation<T> where T : struct, IReal<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply(T a, T b, T c) => a - learningRate * (b + momentum * c);
}

/// <summary>ρ·a + (1−ρ)·b·b: RMSProp's mean square from the last one and the gradient.</summary>
internal readonly struct MeanSquare<T>(T decay, T oneMinusDecay) : IWeightOperation<T> where T : struct, IReal<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply(T a, T b, T c) => decay * a + oneMinusDecay * b * b;
}

/// <summary>a − rate·b/(√c + ε): RMSProp's and Adam's normalized update.</summary>
internal readonly struct Normalized<T>(T rate, T epsilon) : IWeightOperation<T> where T : struct, IReal<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply(T a, T b, T c) => a - rate * b / (T.Sqrt(c) + epsilon);
}

/// <summary>a + (1−β1)(b − a): Adam's first moment from the last one and the gradient.</summary>
internal readonly struct FirstMoment<T>(T oneMinusBeta1) : IWeightOperation<T> where T : struct, IReal<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply(T a, T b, T c) => T.MultiplyAdd(oneMinusBeta1, b - a, a);
}

/// <summary>a + (1−β2)(b² − a): Adam's second moment from the last one and the gradient.</summary>
internal readonly struct SecondMoment<T>(T oneMinusBeta2) : IWeightOperation<T> where T : struct, IReal<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply(T a, T b, T c) => T.MultiplyAdd(oneMinusBeta2, T.MultiplyAdd(b, b, -a), a);
}

/// <summary>a in lanes whose status is below ½ (still running), else b: frozen lanes keep their weights.</summary>
internal readonly struct WhereRunning<T>(T status) : IWeightOperation<T> where T : struct, IReal<T>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Apply(T a, T b, T c) => T.IfLess(status, T.Of(0.5), a, b);
}
