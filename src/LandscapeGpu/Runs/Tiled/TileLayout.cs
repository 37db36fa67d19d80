using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// A grid cut into square tiles of <see cref="TileSide"/> starts a side, numbered row-major from the box's
/// bottom-left corner; tiles on the right and top edges are clipped to the grid. The numbering depends only on
/// the grid and the tile side, so every process of a run (shards, resumed runs) agrees on it.
/// </summary>
public sealed class TileLayout
{
    /// <summary>The default tile side: 1M starts a tile, about 50 MB of host memory per device in flight.</summary>
    public const int DefaultTileSide = 1024;

    /// <summary>Largest tile side accepted: 16.7M starts, under 1 GB of host memory per device.</summary>
    public const int MaxTileSide = 4096;

    /// <summary>Cuts <paramref name="grid"/> into tiles of <paramref name="tileSide"/> starts a side.</summary>
    /// <exception cref="InvalidParameterException">The tile side (<c>tile</c>) is not between 1 and <see cref="MaxTileSide"/>.</exception>
    public TileLayout(GridSpec grid, int tileSide)
    {
        if (tileSide < 1 || tileSide > MaxTileSide)
        {
            throw InvalidParameterException.MustBe("tile", tileSide, $"between 1 and {MaxTileSide}");
        }

        Grid = grid;
        TileSide = tileSide;
        Columns = (grid.Width + tileSide - 1) / tileSide;
        Rows = (grid.Height + tileSide - 1) / tileSide;
    }

    /// <summary>The grid.</summary>
    public GridSpec Grid { get; }

    /// <summary>Starts per tile side.</summary>
    public int TileSide { get; }

    /// <summary>Tiles across.</summary>
    public int Columns { get; }

    /// <summary>Tiles down.</summary>
    public int Rows { get; }

    /// <summary>Number of tiles.</summary>
    public int Count => checked(Columns * Rows);

    /// <summary>Most starts a tile holds.</summary>
    public int MaxTileStarts => Math.Min(TileSide, Grid.Width) * Math.Min(TileSide, Grid.Height);

    /// <summary>The rectangle of tile <paramref name="index"/>.</summary>
    public TileSpec this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            int column = index % Columns, row = index / Columns;
            int x = column * TileSide, y = row * TileSide;
            return new TileSpec(x, y, Math.Min(TileSide, Grid.Width - x), Math.Min(TileSide, Grid.Height - y));
        }
    }

    /// <summary>The file-name stem of tile <paramref name="index"/>: its tile row and column, e.g. <c>r0003-c0012</c>.</summary>
    public string StemOf(int index) => $"r{index / Columns:D4}-c{index % Columns:D4}";
}
