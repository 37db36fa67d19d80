using System.Runtime.CompilerServices;
using LandscapeGpu.Arithmetic;

namespace LandscapeGpu.Devices;

/// <summary>
/// Fills the SIMD engine's number types lane by lane, and reads them back. <see cref="Descents.Specialization"/> hands the engine its
/// number type constrained only to <see cref="IReal{TSelf}"/>; this bridge reaches the concrete type's
/// <see cref="ILaneVector{TSelf}.FromLanes"/>. The type tests are constants to the JIT and vanish.
/// </summary>
internal static class SimdLaneLoader
{
    /// <summary>A <typeparamref name="T"/> whose lane i is <paramref name="values"/>[i], rounded as <c>T.Of</c> rounds.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the engine's number types.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FromLanes<T>(ReadOnlySpan<double> values) where T : struct, IReal<T>
    {
        if (typeof(T) == typeof(Lanes8F32))
        {
            return Unsafe.BitCast<Lanes8F32, T>(Lanes8F32.FromLanes(values));
        }

        if (typeof(T) == typeof(Lanes4F64))
        {
            return Unsafe.BitCast<Lanes4F64, T>(Lanes4F64.FromLanes(values));
        }

        if (typeof(T) == typeof(Lanes16F32))
        {
            return Unsafe.BitCast<Lanes16F32, T>(Lanes16F32.FromLanes(values));
        }

        if (typeof(T) == typeof(Lanes8F64))
        {
            return Unsafe.BitCast<Lanes8F64, T>(Lanes8F64.FromLanes(values));
        }

        throw new NotSupportedException($"the SIMD engine has no lane loader for {typeof(T).Name}");
    }

    /// <summary>Writes lane i of <paramref name="value"/> to <paramref name="destination"/>[i], widened to double.</summary>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not one of the engine's number types.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ToLanes<T>(T value, Span<double> destination) where T : struct, IReal<T>
    {
        if (typeof(T) == typeof(Lanes8F32))
        {
            Lanes8F32.ToLanes(Unsafe.BitCast<T, Lanes8F32>(value), destination);
        }
        else if (typeof(T) == typeof(Lanes4F64))
        {
            Lanes4F64.ToLanes(Unsafe.BitCast<T, Lanes4F64>(value), destination);
        }
        else if (typeof(T) == typeof(Lanes16F32))
        {
            Lanes16F32.ToLanes(Unsafe.BitCast<T, Lanes16F32>(value), destination);
        }
        else if (typeof(T) == typeof(Lanes8F64))
        {
            Lanes8F64.ToLanes(Unsafe.BitCast<T, Lanes8F64>(value), destination);
        }
        else
        {
            throw new NotSupportedException($"the SIMD engine has no lane loader for {typeof(T).Name}");
        }
    }
}
