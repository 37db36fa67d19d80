namespace LandscapeGpu.Runs.Tiled;

/// <summary>What one device has done in this process.</summary>
/// <param name="Device">The engine's description.</param>
/// <param name="Tiles">Tiles it finished.</param>
/// <param name="Starts">Starts it finished.</param>
/// <param name="DescentSteps">Descent steps it took.</param>
public sealed record DeviceProgress(string Device, int Tiles, long Starts, long DescentSteps);

/// <summary>Progress of a tiled run (or of one shard of it).</summary>
/// <param name="Done">Starts finished, those of earlier (resumed) sessions included.</param>
/// <param name="Total">Starts this run (or shard) computes.</param>
/// <param name="Resumed">Starts that were already done when this process started; rates and ETA leave them out.</param>
/// <param name="Devices">Per device, in the order the engines were given.</param>
public sealed record TiledProgress(long Done, long Total, long Resumed, IReadOnlyList<DeviceProgress> Devices)
{
    /// <summary>Descent steps taken in this process over all devices.</summary>
    public long DescentSteps => Devices.Sum(d => d.DescentSteps);
}
