using LandscapeGpu.Descents;

namespace LandscapeGpu.Devices;

/// <summary>Runs descents for one tile of starts at a time on one device.</summary>
public interface IDescentEngine : IDisposable
{
    /// <summary>What the engine runs on, as a user reads it: "ILGPU CPU accelerator", "CUDA: NVIDIA H200".</summary>
    string Description { get; }

    /// <summary>What the engine runs on: the CPU's cores, ILGPU's CPU simulator, or a GPU.</summary>
    EngineKind Kind { get; }

    /// <summary>Descends from every start of <paramref name="tile"/> and writes where each ended into <paramref name="result"/>.</summary>
    void Run(DescentProblem problem, TileSpec tile, TileResult result);
}
