using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// Writes a finished tiled run's whole-grid arrays (basins.npy, steps.npy, endpoints.npy, valleyPosition.npy, the
/// files an untiled run writes) from its tiles, one tile at a time: the header is written first, then each tile's rows
/// go to their places in the file. Memory: one tile, whatever the grid. The bytes are those an untiled run writes.
/// </summary>
public static class TiledArrays
{
    /// <summary>Writes the four arrays of the finished run in <paramref name="directory"/> through <paramref name="outputs"/> (not yet committed).</summary>
    public static void Write(AtomicOutputs outputs, RunDirectory directory, FinishedRun run)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(run);
        TileLayout layout = directory.Layout;
        outputs.Write("basins.npy", stream => Assemble(stream, layout, 1, index => NpyReader.Read<int>(directory.FileOf(index, RunDirectory.BasinsKind)).Data));
        outputs.Write("steps.npy", stream => Assemble(stream, layout, 1, index => NpyReader.Read<int>(directory.FileOf(index, RunDirectory.StepsKind)).Data));
        // Tiles hold their endpoints as [h, w, 2] in the run's precision, as the whole file does: their values are copied as they are.
        string endpoints = RunDirectory.EndpointsKind;
        outputs.Write(endpoints, stream =>
        {
            if (run.Problem.Precision == Precision.F32)
            {
                Assemble(stream, layout, 2, index => NpyReader.Read<float>(directory.FileOf(index, endpoints)).Data);
            }
            else
            {
                Assemble(stream, layout, 2, index => NpyReader.Read<double>(directory.FileOf(index, endpoints)).Data);
            }
        });
        outputs.Write("valleyPosition.npy", stream => Assemble(stream, layout, 1, PositionsOf(directory, run)));
    }

    /// <summary>
    /// Writes a [H, W] (or [H, W, <paramref name="valuesPerStart"/>]) .npy of <paramref name="layout"/>'s grid into the
    /// seekable <paramref name="stream"/>, asking <paramref name="readTile"/> for each tile's values (row-major, the
    /// tile's width a row) once, in the layout's order, and holding none of them after its rows are written.
    /// </summary>
    /// <exception cref="InvalidDataException">A tile brings the wrong number of values.</exception>
    public static void Assemble<T>(Stream stream, TileLayout layout, int valuesPerStart, Func<int, T[]> readTile) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(readTile);
        ArgumentOutOfRangeException.ThrowIfLessThan(valuesPerStart, 1);
        GridSpec grid = layout.Grid;
        int[] shape = valuesPerStart == 1 ? [grid.Height, grid.Width] : [grid.Height, grid.Width, valuesPerStart];
        NpyWriter.WriteHeader(stream, NpyWriter.DescriptorOf<T>(), shape);
        long dataStart = stream.Position;
        long valueBytes = Unsafe.SizeOf<T>();
        long rowBytes = grid.Width * valuesPerStart * valueBytes;
        stream.SetLength(dataStart + rowBytes * grid.Height);
        for (int index = 0; index < layout.Count; index++)
        {
            TileSpec tile = layout[index];
            T[] values = readTile(index);
            int tileRow = tile.Width * valuesPerStart;
            if (values.LongLength != (long)tileRow * tile.Height)
            {
                throw new InvalidDataException($"tile {layout.StemOf(index)} brings {values.LongLength} values, not the {(long)tileRow * tile.Height} of its {tile.Width}x{tile.Height} starts");
            }

            for (int row = 0; row < tile.Height; row++)
            {
                stream.Position = dataStart + (tile.Y + row) * rowBytes + tile.X * valuesPerStart * valueBytes;
                stream.Write(MemoryMarshal.AsBytes(values.AsSpan(row * tileRow, tileRow)));
            }
        }

        stream.Position = dataStart + rowBytes * grid.Height;
    }

    /// <summary>
    /// Each tile's positions along valleys, as an untiled run's valleyPosition.npy holds them: the tile's own file when
    /// the run has a valley (or, where a tile lacks it, the same values made from its ids and endpoints), NaN
    /// everywhere when the run has none (no start then ends in a valley).
    /// </summary>
    public static Func<int, float[]> PositionsOf(RunDirectory directory, FinishedRun run)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(run);
        if (TiledFinalizer.HasValleys(run.Basins))
        {
            return index =>
            {
                string file = directory.FileOf(index, RunDirectory.ValleyPositionKind);
                if (File.Exists(file))
                {
                    return NpyReader.Read<float>(file).Data;
                }

                int[] ids = NpyReader.Read<int>(directory.FileOf(index, RunDirectory.BasinsKind)).Data;
                (double[] endX, double[] endY) = EndpointFile.Read(directory.FileOf(index, RunDirectory.EndpointsKind), run.Problem.Precision);
                return ValleyPositions.Map(run.Basins, ids, endX, endY);
            };
        }

        float[] none = [];
        return index =>
        {
            int count = checked((int)directory.Layout[index].Count);
            if (none.Length != count)
            {
                none = new float[count];
                Array.Fill(none, float.NaN);
            }

            return none;
        };
    }
}
