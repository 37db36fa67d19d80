using System.Runtime.CompilerServices;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Descents;

/// <summary>
/// A Width × Height grid of starts over a box. Starts sit at cell centres:
/// x_i = x0 + (i + 0.5)(x1 − x0)/W, y_j = y0 + (j + 0.5)(y1 − y0)/H, computed in float64 by every engine
/// so that all of them start from the same points.
/// </summary>
/// <param name="Box">The box of starting values.</param>
/// <param name="Width">Starts along x.</param>
/// <param name="Height">Starts along y (1 for a 1-D landscape).</param>
public readonly record struct GridSpec(Box Box, int Width, int Height)
{
    /// <summary>Number of starts.</summary>
    public long Count => (long)Width * Height;

    /// <summary>x of column <paramref name="column"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double StartX(int column) => Box.X0 + (column + 0.5) * (Box.X1 - Box.X0) / Width;

    /// <summary>y of row <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double StartY(int row) => Box.Y0 + (row + 0.5) * (Box.Y1 - Box.Y0) / Height;

    /// <summary>The whole grid as one tile.</summary>
    public TileSpec Whole => new(0, 0, Width, Height);
}

/// <summary>A rectangle of starts within a grid: columns [X, X + Width), rows [Y, Y + Height).</summary>
/// <param name="X">First column.</param>
/// <param name="Y">First row.</param>
/// <param name="Width">Columns.</param>
/// <param name="Height">Rows.</param>
public readonly record struct TileSpec(int X, int Y, int Width, int Height)
{
    /// <summary>Number of starts.</summary>
    public int Count => Width * Height;
}
