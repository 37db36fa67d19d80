using ILGPU.Runtime;

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

    /// <summary>
    /// Calls <paramref name="visitor"/> with the concrete landscape struct, ready for host code: float64 probes and
    /// the SIMD CPU engine call its Loss/Gradient directly. A landscape over a data set reads it from host memory here.
    /// </summary>
    public abstract TResult Accept<TResult>(ILandscapeVisitor<TResult> visitor);

    /// <summary>
    /// This landscape made ready for kernels on <paramref name="accelerator"/>: an ILGPU engine dispatches on the
    /// binding's <see cref="LandscapeBinding.Landscape"/>, never on this entry, and disposes the binding when done.
    /// Landscapes that carry only numbers (built-ins, formulas) return themselves; a landscape over a data set copies
    /// the data into the accelerator's memory once, and its struct's views then point there.
    /// </summary>
    public virtual LandscapeBinding BindTo(Accelerator accelerator)
    {
        ArgumentNullException.ThrowIfNull(accelerator);
        return new LandscapeBinding(this, null);
    }

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
