namespace LandscapeGpu.Landscapes;

/// <summary>
/// Turns a landscape chosen at run time into a call specialized on its struct type: the visitor's generic
/// method receives the concrete <c>TLandscape</c>.
/// </summary>
/// <typeparam name="TResult">What the visit returns.</typeparam>
public interface ILandscapeVisitor<out TResult>
{
    /// <summary>Called with the concrete landscape.</summary>
    TResult Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape;
}

/// <summary>A landscape with its description, chosen at run time.</summary>
public abstract class LandscapeEntry
{
    /// <summary>Describes the landscape.</summary>
    public abstract LandscapeInfo Info { get; }

    /// <summary>Calls <paramref name="visitor"/> with the concrete landscape struct.</summary>
    public abstract TResult Accept<TResult>(ILandscapeVisitor<TResult> visitor);

    /// <summary>Wraps a landscape struct and its description.</summary>
    public static LandscapeEntry Create<TLandscape>(TLandscape landscape, LandscapeInfo info)
        where TLandscape : struct, ILandscape => new Typed<TLandscape>(landscape, info);

    private sealed class Typed<TLandscape>(TLandscape landscape, LandscapeInfo info) : LandscapeEntry
        where TLandscape : struct, ILandscape
    {
        public override LandscapeInfo Info => info;

        public override TResult Accept<TResult>(ILandscapeVisitor<TResult> visitor) => visitor.Visit(landscape);
    }
}
