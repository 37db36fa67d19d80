using LandscapeGpu.Arithmetic;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Basins;

/// <summary>Loss, gradient and Hessian at one point, in float64.</summary>
/// <param name="Loss">f.</param>
/// <param name="GradientX">∂f/∂x.</param>
/// <param name="GradientY">∂f/∂y.</param>
/// <param name="Hxx">∂²f/∂x².</param>
/// <param name="Hxy">∂²f/∂x∂y.</param>
/// <param name="Hyy">∂²f/∂y².</param>
public readonly record struct PointDerivatives(double Loss, double GradientX, double GradientY, double Hxx, double Hxy, double Hyy);

/// <summary>
/// Evaluates a landscape chosen at run time in float64 on the host, through the same struct methods the
/// kernels run: what refinement, classification and references use.
/// </summary>
public sealed class LandscapeProbe
{
    private readonly Func<double, double, PointDerivatives> evaluate;
    private readonly Func<double, double, (double X, double Y)> gradient;
    private readonly Func<double, double, double> loss;

    private LandscapeProbe(Func<double, double, PointDerivatives> evaluate, Func<double, double, (double, double)> gradient, Func<double, double, double> loss, int dimensions)
    {
        this.evaluate = evaluate;
        this.gradient = gradient;
        this.loss = loss;
        Dimensions = dimensions;
    }

    /// <summary>1 or 2.</summary>
    public int Dimensions { get; }

    /// <summary>A probe of <paramref name="entry"/>.</summary>
    public static LandscapeProbe For(LandscapeEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Accept(new Factory(entry.Info.Dimensions));
    }

    /// <summary>Loss, gradient and Hessian (by automatic differentiation) at (x, y).</summary>
    public PointDerivatives Evaluate(double x, double y) => evaluate(x, y);

    /// <summary>The landscape's own gradient method at (x, y): the hand-written one where it exists.</summary>
    public (double X, double Y) Gradient(double x, double y) => gradient(x, y);

    /// <summary>
    /// The loss at (x, y): the landscape's loss in plain float64, with no derivatives carried along (it runs for
    /// every pixel of every level of the view, where second derivatives cost over a hundred times more).
    /// </summary>
    public double Loss(double x, double y) => loss(x, y);

    private sealed class Factory(int dimensions) : ILandscapeVisitor<LandscapeProbe>
    {
        public LandscapeProbe Visit<TLandscape>(TLandscape landscape) where TLandscape : struct, ILandscape =>
            new(
                (x, y) =>
                {
                    HyperDual<Real64> d = Derivatives.SecondOrder(landscape, new Real64(x), new Real64(y));
                    return new PointDerivatives(d.Value.Value, d.Dx.Value, d.Dy.Value, d.Dxx.Value, d.Dxy.Value, d.Dyy.Value);
                },
                (x, y) =>
                {
                    landscape.Gradient(new Real64(x), new Real64(y), out Real64 gx, out Real64 gy);
                    return (gx.Value, gy.Value);
                },
                (x, y) => landscape.Loss(new Real64(x), new Real64(y)).Value,
                dimensions);
    }
}
