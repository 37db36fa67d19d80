using LandscapeGpu.Descents;

namespace LandscapeGpu.Devices;

/// <summary>
/// The devices a run uses at once: one <see cref="DeviceChoice"/>, a comma-separated list of them (one engine
/// each, e.g. <c>cuda,cpu</c>), or <c>all</c>: every CUDA device and OpenCL GPU, each its own engine, or the CPU
/// engine where there is none.
/// </summary>
public sealed record DeviceSelection
{
    private DeviceSelection(bool all, IReadOnlyList<DeviceChoice> choices)
    {
        All = all;
        Choices = choices;
    }

    /// <summary>True for <c>all</c>.</summary>
    public bool All { get; }

    /// <summary>The devices listed (empty for <c>all</c>).</summary>
    public IReadOnlyList<DeviceChoice> Choices { get; }

    /// <summary>Whether this may give more than one engine.</summary>
    public bool IsMultiple => All || Choices.Count > 1;

    /// <summary>
    /// The one device of a selection, for commands that run one engine (a whole map, bench, view).
    /// </summary>
    /// <exception cref="InvalidParameterException">The selection names several devices, or <c>all</c>.</exception>
    public DeviceChoice Single => !IsMultiple ? Choices[0]
        : throw new InvalidParameterException("device", Text, $"{{device}} '{Text}' names several devices: only a tiled map runs on several at once; give one of {string.Join(", ", DeviceChoices.Names)}");

    /// <summary>The text parsed.</summary>
    public string Text { get; private init; } = "";

    /// <summary>Parses <c>all</c>, a device name, or a comma-separated list of device names: the one parser of device text.</summary>
    /// <exception cref="InvalidParameterException">A name is unknown.</exception>
    public static DeviceSelection Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Trim().Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return new DeviceSelection(true, []) { Text = text };
        }

        var choices = new List<DeviceChoice>();
        foreach (string name in text.Split(',', StringSplitOptions.TrimEntries))
        {
            int index = DeviceChoices.Names.ToList().FindIndex(known => known.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new InvalidParameterException("device", $"'{name}'",
                    $"unknown device '{name}'; valid: {string.Join(", ", DeviceChoices.Names)}, all, or a comma-separated list of them");
            }

            choices.Add((DeviceChoice)index);
        }

        return new DeviceSelection(false, choices) { Text = text };
    }

    /// <summary>Creates one engine per selected device (see <see cref="EngineFactory"/>); disposes those already made if one fails.</summary>
    /// <exception cref="DeviceUnavailableException">A device asked for by name is not present.</exception>
    public IReadOnlyList<IDescentEngine> CreateEngines()
    {
        if (All)
        {
            return EngineFactory.CreateEveryGpu();
        }

        var engines = new List<IDescentEngine>();
        try
        {
            foreach (DeviceChoice choice in Choices)
            {
                engines.Add(EngineFactory.Create(choice));
            }

            return engines;
        }
        catch
        {
            engines.ForEach(engine => engine.Dispose());
            throw;
        }
    }
}
