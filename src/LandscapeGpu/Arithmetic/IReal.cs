namespace LandscapeGpu.Arithmetic;

/// <summary>
/// The number type every landscape and optimizer is written over, once. A scalar implementation
/// (<see cref="Real32"/>, <see cref="Real64"/>) runs inside ILGPU kernels, one start per thread; a SIMD
/// implementation runs many starts per instruction on the CPU; <see cref="HyperDual{T}"/> carries
/// exact first and second derivatives through the same code.
/// </summary>
/// <remarks>
/// Comparisons are expressed as selections (<see cref="IfLess"/>) rather than booleans so that a SIMD
/// type can answer them lane by lane without branching. A comparison with a NaN operand is false.
/// </remarks>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IReal<TSelf> where TSelf : struct, IReal<TSelf>
{
    /// <summary>Adds two values.</summary>
    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>Subtracts two values.</summary>
    static abstract TSelf operator -(TSelf left, TSelf right);

    /// <summary>Multiplies two values.</summary>
    static abstract TSelf operator *(TSelf left, TSelf right);

    /// <summary>Divides two values.</summary>
    static abstract TSelf operator /(TSelf left, TSelf right);

    /// <summary>Negates a value.</summary>
    static abstract TSelf operator -(TSelf value);

    /// <summary>The constant <paramref name="value"/>, rounded to this type's precision (in every lane).</summary>
    static abstract TSelf Of(double value);

    /// <summary>
    /// A value read at run time (a data column), rounded as <see cref="Of"/> rounds it. Kept apart from
    /// <see cref="Of"/>, whose argument is a constant the JIT folds: a float32 lane type converts a read value without
    /// waiting on its register's previous contents, which would block the folding of a constant.
    /// </summary>
    static abstract TSelf OfRead(double value);

    /// <summary><paramref name="a"/> * <paramref name="b"/> + <paramref name="c"/>, fused where the hardware has it.</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>Square root.</summary>
    static abstract TSelf Sqrt(TSelf value);

    /// <summary>Natural exponential.</summary>
    static abstract TSelf Exp(TSelf value);

    /// <summary>Natural logarithm.</summary>
    static abstract TSelf Log(TSelf value);

    /// <summary>Sine (radians).</summary>
    static abstract TSelf Sin(TSelf value);

    /// <summary>Cosine (radians).</summary>
    static abstract TSelf Cos(TSelf value);

    /// <summary>sin 2πx: a whole period per unit of x, reduced exactly (no rounding of 2πx).</summary>
    static abstract TSelf SinTwoPi(TSelf value);

    /// <summary>cos 2πx, reduced exactly.</summary>
    static abstract TSelf CosTwoPi(TSelf value);

    /// <summary>Hyperbolic tangent.</summary>
    static abstract TSelf Tanh(TSelf value);

    /// <summary>Absolute value.</summary>
    static abstract TSelf Abs(TSelf value);

    /// <summary>
    /// <paramref name="then"/> where <paramref name="left"/> &lt; <paramref name="right"/>, else
    /// <paramref name="otherwise"/>; decided per lane, false when either side is NaN.
    /// </summary>
    static abstract TSelf IfLess(TSelf left, TSelf right, TSelf then, TSelf otherwise);

    /// <summary>True when <paramref name="left"/> &lt; <paramref name="right"/> in every lane.</summary>
    static abstract bool AllLess(TSelf left, TSelf right);

    /// <summary>How many independent values (starts) one instance carries: 1 for a scalar.</summary>
    static abstract int LaneCount { get; }

    /// <summary>The value in lane <paramref name="lane"/>, widened to double.</summary>
    static abstract double GetLane(TSelf value, int lane);
}
