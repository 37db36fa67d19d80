using ILGPU;
using LandscapeGpu.Arithmetic;
using LandscapeGpu.Descents;
using LandscapeGpu.Weights;

namespace LandscapeGpu.Devices;

/// <summary>What a K-weight kernel needs besides the model and the optimizer: the grid, the tile and the rules.</summary>
internal readonly record struct WeightKernelArguments(
    GridSpec Grid, TileSpec Tile, int MaxSteps, double Tolerance2, double Radius2, int Count, int FreeX, int FreeY, int FixedSteps);

/// <summary>The K-weight descent as an ILGPU kernel: one start per thread, the loop of <see cref="WeightDescent"/>.</summary>
internal static class WeightDescentKernel
{
    /// <summary>Thread i descends start i of the tile from <paramref name="start"/> (K values) with its free weights from the grid.</summary>
    public static void Run<TModel, TOptimizer, T, TWeights, THessian>(
        Index1D index,
        TModel model,
        TOptimizer optimizer,
        WeightKernelArguments arguments,
        ArrayView<double> start,
        ArrayView<double> endpoints,
        ArrayView<int> steps,
        ArrayView<byte> outcomes)
        where TModel : struct, IWeightModel
        where TOptimizer : struct, IWeightOptimizer<T>
        where T : struct, IReal<T>
        where TWeights : struct, IWeights<T, TWeights>
        where THessian : struct, ISymmetricWeights<T, THessian>
    {
        int count = arguments.Count;
        int column = arguments.Tile.X + index % arguments.Tile.Width;
        int row = arguments.Tile.Y + index / arguments.Tile.Width;
        var weights = default(TWeights);
        for (int k = 0; k < count; k++)
        {
            double value = k == arguments.FreeX ? arguments.Grid.StartX(column) : k == arguments.FreeY ? arguments.Grid.StartY(row) : start[k];
            TWeights.Set(ref weights, k, T.Of(value));
        }

        T tolerance2 = T.Of(arguments.Tolerance2);
        T radius2 = T.Of(arguments.Radius2);
        T status;
        int stepCount;
        if (arguments.FixedSteps != 0)
        {
            WeightDescent.RunFixed<TModel, TOptimizer, T, TWeights, THessian>(model, optimizer, ref weights, arguments.MaxSteps, tolerance2, radius2, out status);
            stepCount = arguments.MaxSteps;
        }
        else
        {
            WeightDescent.Run<TModel, TOptimizer, T, TWeights, THessian>(model, optimizer, ref weights, arguments.MaxSteps, tolerance2, radius2, out status, out T laneSteps);
            stepCount = (int)T.GetLane(laneSteps, 0);
        }

        for (int k = 0; k < count; k++)
        {
            endpoints[(long)(int)index * count + k] = T.GetLane(TWeights.Get(weights, k), 0);
        }

        steps[index] = stepCount;
        outcomes[index] = (byte)T.GetLane(status, 0);
    }
}
