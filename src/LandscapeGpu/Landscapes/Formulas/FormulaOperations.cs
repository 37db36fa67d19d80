using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Landscapes.Formulas;

/// <summary>
/// The maths of every formula operation, written once over <see cref="IReal{TSelf}"/>: the node structs
/// (<see cref="Nodes"/>) evaluate through these, and so does the IL that <see cref="Emitted.FormulaEmitter"/> writes,
/// so both ways of running a formula round alike, bit for bit.
/// </summary>
public static class FormulaOperations
{
    /// <summary>a + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Add<T>(T a, T b) where T : struct, IReal<T> => a + b;

    /// <summary>a − b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Subtract<T>(T a, T b) where T : struct, IReal<T> => a - b;

    /// <summary>a · b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Multiply<T>(T a, T b) where T : struct, IReal<T> => a * b;

    /// <summary>a / b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Divide<T>(T a, T b) where T : struct, IReal<T> => a / b;

    /// <summary>−a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Negate<T>(T a) where T : struct, IReal<T> => -a;

    /// <summary>The constant <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Constant<T>(double value) where T : struct, IReal<T> => T.Of(value);

    /// <summary>A data value read at run time (see <see cref="IReal{TSelf}.OfRead"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T DataValue<T>(double value) where T : struct, IReal<T> => T.OfRead(value);

    /// <summary>a · b + c, fused where the number type fuses (<see cref="IReal{TSelf}.MultiplyAdd"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T MultiplyAdd<T>(T a, T b, T c) where T : struct, IReal<T> => T.MultiplyAdd(a, b, c);

    /// <summary><paramref name="then"/> where a &lt; b, else <paramref name="otherwise"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LessSelect<T>(T a, T b, T then, T otherwise) where T : struct, IReal<T> => T.IfLess(a, b, then, otherwise);

    /// <summary>sin a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sine<T>(T a) where T : struct, IReal<T> => T.Sin(a);

    /// <summary>cos a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Cosine<T>(T a) where T : struct, IReal<T> => T.Cos(a);

    /// <summary>tan a = sin a / cos a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Tangent<T>(T a) where T : struct, IReal<T> => T.Sin(a) / T.Cos(a);

    /// <summary>eᵃ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exponential<T>(T a) where T : struct, IReal<T> => T.Exp(a);

    /// <summary>ln a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Logarithm<T>(T a) where T : struct, IReal<T> => T.Log(a);

    /// <summary>√a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SquareRoot<T>(T a) where T : struct, IReal<T> => T.Sqrt(a);

    /// <summary>|a|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T AbsoluteValue<T>(T a) where T : struct, IReal<T> => T.Abs(a);

    /// <summary>tanh a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T HyperbolicTangent<T>(T a) where T : struct, IReal<T> => T.Tanh(a);

    /// <summary>1/(1 + e⁻ᵃ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T a) where T : struct, IReal<T>
    {
        // exp of −|a| never overflows, so neither the value nor its derivatives turn into inf/inf.
        T decay = T.Exp(-T.Abs(a));
        T positive = T.Of(1) / (T.Of(1) + decay);
        return T.IfLess(a, T.Of(0), decay * positive, positive);
    }

    /// <summary>max(a, 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Relu<T>(T a) where T : struct, IReal<T> => T.IfLess(a, T.Of(0), T.Of(0), a);

    /// <summary>ln(1 + eᵃ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Softplus<T>(T a) where T : struct, IReal<T>
    {
        // max(a, 0) + log(1 + e), e = exp(−|a|): the same function without overflow for large a. log(1 + e) is taken
        // as log u − ((u − 1) − e)/u, u = 1 + e, which corrects the rounding of u: without it softplus(−50) would be 0,
        // not e⁻⁵⁰, and every softplus of a large negative argument lost its relative accuracy.
        T decay = T.Exp(-T.Abs(a));
        T sum = T.Of(1) + decay;
        return T.IfLess(a, T.Of(0), T.Of(0), a) + (T.Log(sum) - ((sum - T.Of(1)) - decay) / sum);
    }

    /// <summary>σ′(a) = σ(a)(1 − σ(a)) = e^(−|a|)/(1 + e^(−|a|))².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T SigmoidSlope<T>(T a) where T : struct, IReal<T>
    {
        T decay = T.Exp(-T.Abs(a));
        T denominator = T.Of(1) + decay;
        return decay / (denominator * denominator);
    }

    /// <summary>a^b = exp(b · log a) for a non-integer or variable exponent: NaN for negative a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Power<T>(T a, T b) where T : struct, IReal<T> => T.Exp(b * T.Log(a));

    /// <summary>min(a, b): a where a &lt; b, else b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Minimum<T>(T a, T b) where T : struct, IReal<T> => T.IfLess(a, b, a, b);

    /// <summary>max(a, b): b where a &lt; b, else a.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Maximum<T>(T a, T b) where T : struct, IReal<T> => T.IfLess(a, b, b, a);

    /// <summary>a².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Square<T>(T a) where T : struct, IReal<T> => a * a;

    /// <summary>a³ = a · a²: what <see cref="IntegerPower"/> computes for 3, bit for bit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Cube<T>(T a) where T : struct, IReal<T> => a * (a * a);

    /// <summary>aⁿ for a whole n by repeated squaring (defined for negative a); a negative n gives 1/a^|n|.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T IntegerPower<T>(T a, int exponent) where T : struct, IReal<T>
    {
        T power = a;
        T result = T.Of(1);
        int remaining = exponent < 0 ? -exponent : exponent;
        while (remaining > 0)
        {
            if ((remaining & 1) != 0)
            {
                result *= power;
            }

            remaining >>= 1;
            if (remaining > 0)
            {
                power *= power;
            }
        }

        return exponent < 0 ? T.Of(1) / result : result;
    }
}
