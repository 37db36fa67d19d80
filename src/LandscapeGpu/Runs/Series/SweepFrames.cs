using System.Text.Json;
using LandscapeGpu.Landscapes;

namespace LandscapeGpu.Runs.Series;

/// <summary>One map of a sweep, as read back from its summary.json.</summary>
/// <param name="Value">The varied parameter's value.</param>
/// <param name="Directory">The frame's directory, relative to the sweep's.</param>
/// <param name="Command">The map command line that made it (without the program name).</param>
/// <param name="Attractors">Its attractors.</param>
/// <param name="Diverged">Share of starts that diverged.</param>
/// <param name="Unconverged">Share of starts that ran out of steps.</param>
/// <param name="Metrics">summary.json's metrics object, or null where the run has none.</param>
public sealed record SweepFrame(double Value, string Directory, IReadOnlyList<string> Command, IReadOnlyList<FrameAttractor> Attractors,
    double Diverged, double Unconverged, JsonElement? Metrics);

/// <summary>Reads a sweep's frames from their summary.json and writes <c>sweep.json</c>.</summary>
public static class SweepFrames
{
    /// <summary>The sweep's description.</summary>
    public const string JsonName = "sweep.json";

    /// <summary>The folder of the frames, each a map run directory named by its index (000, 001, ...).</summary>
    public const string FramesFolder = "frames";

    /// <summary>The directory of frame <paramref name="index"/> of a sweep of <paramref name="count"/>, relative to the sweep's: frames/000, zero-padded to at least three digits.</summary>
    public static string FrameDirectory(int index, int count) =>
        Path.Combine(FramesFolder, index.ToString(new string('0', Math.Max(3, (count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture).Length)), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Reads frame <paramref name="relative"/> of the sweep in <paramref name="sweepDirectory"/>.</summary>
    /// <exception cref="IOException">Its summary.json is missing or unreadable.</exception>
    public static SweepFrame Read(string sweepDirectory, string relative, double value, IReadOnlyList<string> command)
    {
        string path = Path.Combine(sweepDirectory, relative, "summary.json");
        try
        {
            using JsonDocument summary = JsonDocument.Parse(File.ReadAllText(path));
            JsonElement root = summary.RootElement;
            var attractors = root.GetProperty("attractors").EnumerateArray().Select(attractor => new FrameAttractor(
                NumberOf(attractor.GetProperty("x")), NumberOf(attractor.GetProperty("y")), attractor.GetProperty("kind").GetString() ?? "",
                NumberOf(attractor.GetProperty("fraction")))).ToList();
            JsonElement? metrics = root.TryGetProperty("metrics", out JsonElement found) && found.ValueKind == JsonValueKind.Object ? found.Clone() : null;
            return new SweepFrame(value, relative, command, attractors, NumberOf(root.GetProperty("diverged")), NumberOf(root.GetProperty("unconverged")), metrics);
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new IOException($"{path} cannot be read as a map's summary: {error.Message}", error);
        }
    }

    /// <summary>Writes sweep.json: the parameter and its values, every attractor matched across frames by location, and per frame its fractions, diverged, not converged and metrics.</summary>
    public static void Write(Stream stream, ParameterRange range, LandscapeInfo info, IReadOnlyList<SweepFrame> frames,
        IReadOnlyList<TrackedAttractor> tracked, double[][] fractions)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(info);
        ArgumentNullException.ThrowIfNull(frames);
        ArgumentNullException.ThrowIfNull(tracked);
        ArgumentNullException.ThrowIfNull(fractions);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("landscape", info.Name);
        json.WriteString("formula", info.Formula);
        json.WriteString("parameter", range.Name);
        json.WriteBoolean("log", range.Logarithmic);
        json.WriteStartArray("values");
        foreach (SweepFrame frame in frames)
        {
            json.WriteNumberValue(frame.Value);
        }

        json.WriteEndArray();
        json.WriteString("matching", $"attractors of different frames are one where their locations agree on a grid of {AttractorLocations.LocationQuantum} of the usual box's largest side (the figures' colour key); " +
            "frames[i].fractions[j] is the share of frame i's starts that reached attractors[j]");
        json.WriteStartArray("attractors");
        for (int i = 0; i < tracked.Count; i++)
        {
            json.WriteStartObject();
            json.WriteNumber("id", i);
            SummaryWriter.WriteNumber(json, "x", tracked[i].X);
            SummaryWriter.WriteNumber(json, "y", tracked[i].Y);
            json.WriteString("kind", tracked[i].Kind);
            json.WriteStartArray("key");
            json.WriteNumberValue(tracked[i].Key.X);
            json.WriteNumberValue(tracked[i].Key.Y);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("frames");
        for (int f = 0; f < frames.Count; f++)
        {
            SweepFrame frame = frames[f];
            json.WriteStartObject();
            json.WriteNumber("index", f);
            json.WriteNumber("value", frame.Value);
            json.WriteString("directory", frame.Directory.Replace('\\', '/'));
            json.WriteString("command", "landscape " + string.Join(' ', frame.Command.Select(Quoted)));
            json.WriteStartArray("fractions");
            foreach (double fraction in fractions[f])
            {
                json.WriteNumberValue(fraction);
            }

            json.WriteEndArray();
            SummaryWriter.WriteNumber(json, "diverged", frame.Diverged);
            SummaryWriter.WriteNumber(json, "unconverged", frame.Unconverged);
            if (frame.Metrics is { } metrics)
            {
                json.WritePropertyName("metrics");
                metrics.WriteTo(json);
            }
            else
            {
                json.WriteNull("metrics");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static double NumberOf(JsonElement element) => element.ValueKind == JsonValueKind.Number ? element.GetDouble() : double.NaN;

    // A shell word: quoted where it holds anything but plain characters.
    private static string Quoted(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ',' or '=' or ':' or '+')
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
