namespace LandscapeGpu.Landscapes;

/// <summary>
/// A landscape made ready for one ILGPU accelerator by <see cref="LandscapeEntry.BindTo"/>: <see cref="Landscape"/> is
/// what the engine dispatches on that accelerator, and disposing the binding frees the device memory it holds.
/// </summary>
public sealed class LandscapeBinding : IDisposable
{
    private readonly IDisposable? deviceMemory;

    /// <summary>Wraps <paramref name="landscape"/> and the device memory its views read, if any.</summary>
    public LandscapeBinding(LandscapeEntry landscape, IDisposable? deviceMemory)
    {
        ArgumentNullException.ThrowIfNull(landscape);
        Landscape = landscape;
        this.deviceMemory = deviceMemory;
    }

    /// <summary>The landscape whose struct reads the accelerator's memory.</summary>
    public LandscapeEntry Landscape { get; }

    /// <inheritdoc/>
    public void Dispose() => deviceMemory?.Dispose();
}
