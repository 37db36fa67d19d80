using LandscapeGpu.Rendering.Explorer;
using LandscapeGpu.Rendering.Gl;

namespace LandscapeGpu.Rendering.Tests.Explorer;

public sealed class ViewStateTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Constructor_BoxWiderThanWindowShape_WidensTheOtherAxisForSquarePixels()
    {
        var view = new ViewState(new WorldRect(-2, 2, -1, 1), oneDimensional: false, 100, 100);

        Assert.Equal(new WorldRect(-2, 2, -2, 2), view.Visible);
    }

    [Fact]
    public void ZoomAt_Cursor_KeepsThePointUnderTheCursorAndNarrowsByTheFactor()
    {
        var view = new ViewState(new WorldRect(-5, 5, -5, 5), oneDimensional: false, 200, 100);
        (double x, double y) before = view.ToWorld(30, 70);

        Assert.True(view.ZoomAt(30, 70, 4));

        (double x, double y) after = view.ToWorld(30, 70);
        Assert.Equal(before.x, after.x, Tolerance);
        Assert.Equal(before.y, after.y, Tolerance);
        Assert.Equal(4, view.Magnification, Tolerance);
    }

    [Fact]
    public void Pan_DragRight_MovesTheViewLeft()
    {
        var view = new ViewState(new WorldRect(0, 10, 0, 10), oneDimensional: false, 100, 100);

        view.Pan(10, -10);

        Assert.Equal(-1, view.Visible.X0, Tolerance);
        Assert.Equal(-1, view.Visible.Y0, Tolerance);
    }

    [Fact]
    public void ZoomAt_PastFloat64Resolution_RefusesAndKeepsTheView()
    {
        var view = new ViewState(new WorldRect(1, 2, 1, 2), oneDimensional: false, 100, 100);
        int zooms = 0;
        while (view.ZoomAt(50, 50, 1e3) && zooms < 100)
        {
            zooms++;
        }

        WorldRect last = view.Visible;
        Assert.False(view.ZoomAt(50, 50, 1e3));
        Assert.Equal(last, view.Visible);
        Assert.InRange(zooms, 3, 6);
        Assert.True(last.Width / 100 >= ViewState.MinimumUlpsPerPixel * (Math.BitIncrement(2.0) - 2.0) * 0.5);
    }

    [Fact]
    public void ZoomAndPan_OneDimensional_ChangeOnlyX()
    {
        var view = new ViewState(new WorldRect(-2, 2, 0, 0), oneDimensional: true, 100, 50);

        view.ZoomAt(25, 10, 2);
        view.Pan(5, 40);

        Assert.Equal(0, view.Visible.Y0);
        Assert.Equal(0, view.Visible.Y1);
        Assert.Equal(2, view.Visible.Width, Tolerance);
    }

    [Fact]
    public void Reset_AfterZoom_ReturnsHome()
    {
        var view = new ViewState(new WorldRect(-5, 5, -5, 5), oneDimensional: false, 64, 64);
        WorldRect home = view.Visible;

        view.ZoomAt(3, 3, 7);
        view.Reset();

        Assert.Equal(home, view.Visible);
    }
}
