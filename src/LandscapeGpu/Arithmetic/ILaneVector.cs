namespace LandscapeGpu.Arithmetic;

/// <summary>
/// A number type that carries several independent values (one start per lane) and can be filled lane by lane:
/// what the SIMD CPU engine needs beyond <see cref="IReal{TSelf}"/> to load a row of starts and store its results.
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface ILaneVector<TSelf> : IBinaryReal<TSelf> where TSelf : struct, ILaneVector<TSelf>
{
    /// <summary>
    /// A value whose lane i is <paramref name="values"/>[i] rounded to this type's precision exactly as
    /// <see cref="IReal{TSelf}.Of"/> rounds it; <paramref name="values"/> holds at least <see cref="IReal{TSelf}.LaneCount"/> items.
    /// </summary>
    static abstract TSelf FromLanes(ReadOnlySpan<double> values);

    /// <summary>
    /// Writes lane i of <paramref name="value"/>, widened to double, to <paramref name="destination"/>[i] (the inverse
    /// of <see cref="FromLanes"/>); <paramref name="destination"/> holds at least <see cref="IReal{TSelf}.LaneCount"/> items.
    /// </summary>
    static abstract void ToLanes(TSelf value, Span<double> destination);
}
