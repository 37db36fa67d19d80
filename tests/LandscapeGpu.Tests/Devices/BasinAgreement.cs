using LandscapeGpu.Basins;
using LandscapeGpu.Runs;

namespace LandscapeGpu.Tests.Devices;

/// <summary>
/// Compares two basin maps of the same grid start by start. Each start is labelled by where it went: the
/// reference map's attractor nearest its own attractor, or diverged; a start that ran out of steps is labelled by
/// the reference attractor its endpoint is circling (oscillating optimizers such as RMSProp leave many there, and
/// whether one of them crossed the tolerance on its last steps is rounding, not a different basin). Starts whose labels differ
/// are counted apart according to whether they lie within one cell of a basin boundary of the reference map.
/// </summary>
public sealed record BasinAgreement(int Starts, int BoundaryStarts, int MismatchesOnBoundary, int MismatchesOffBoundary)
{
    private const int NoMatchingAttractor = int.MinValue;

    public static BasinAgreement Compare(BasinMap reference, BasinMap candidate)
    {
        int[] expected = Labels(reference, reference);
        int[] actual = Labels(candidate, reference);
        int width = reference.Grid.Width, height = reference.Grid.Height;
        int boundaryStarts = 0, onBoundary = 0, offBoundary = 0;
        for (int row = 0; row < height; row++)
        {
            for (int column = 0; column < width; column++)
            {
                int index = row * width + column;
                bool boundary = IsOnBoundary(expected, width, height, column, row);
                boundaryStarts += boundary ? 1 : 0;
                if (expected[index] != actual[index])
                {
                    if (boundary)
                    {
                        onBoundary++;
                    }
                    else
                    {
                        offBoundary++;
                    }
                }
            }
        }

        return new BasinAgreement(expected.Length, boundaryStarts, onBoundary, offBoundary);
    }

    private static bool IsOnBoundary(int[] labels, int width, int height, int column, int row)
    {
        int label = labels[row * width + column];
        for (int dy = -1; dy <= 1; dy++)
        {
            for (int dx = -1; dx <= 1; dx++)
            {
                int x = column + dx, y = row + dy;
                if (x >= 0 && y >= 0 && x < width && y < height && labels[y * width + x] != label)
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static int[] Labels(BasinMap map, BasinMap reference)
    {
        // Attractors within this distance of each other are the same point found twice.
        double span = Math.Max(reference.Grid.Box.Width, reference.Grid.Box.Height);
        double sameAttractor = 1e-3 * span;
        double circling = 0.05 * span;
        var byId = map.Attractors.ToDictionary(point => point.Id);
        var labels = new int[map.Ids.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            int id = map.Ids[i];
            if (id == BasinCatalog.UnconvergedId)
            {
                StationaryPoint? closest = reference.Attractors.MinBy(other => Math.Abs(other.X - map.EndX[i]) + Math.Abs(other.Y - map.EndY[i]));
                labels[i] = closest is not null && Math.Abs(closest.X - map.EndX[i]) + Math.Abs(closest.Y - map.EndY[i]) <= circling
                    ? closest.Id
                    : id;
                continue;
            }

            if (id < 0)
            {
                labels[i] = id;
                continue;
            }

            StationaryPoint point = byId[id];
            StationaryPoint? nearest = reference.Attractors.MinBy(other => Math.Abs(other.X - point.X) + Math.Abs(other.Y - point.Y));
            labels[i] = nearest is not null && Math.Abs(nearest.X - point.X) + Math.Abs(nearest.Y - point.Y) <= sameAttractor
                ? nearest.Id
                : NoMatchingAttractor;
        }

        return labels;
    }
}
