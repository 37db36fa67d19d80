using System.Text.Json;
using LandscapeGpu.Basins;
using LandscapeGpu.Descents;

namespace LandscapeGpu.Runs.Tiled;

/// <summary>
/// What a finished tile leaves beside its arrays (<c>tiles/STEM.json</c>): where it lies, its catalog buckets and
/// counts, what computing it took, and the content hash of each of the tile's files (<see cref="Files"/>). Written
/// last, so its presence is what marks the tile done; the hashes are what make the tile trusted.
/// </summary>
/// <param name="Tile">The tile's rectangle in the grid.</param>
/// <param name="Buckets">The tile's own bucket table; the tile's bucket file indexes it.</param>
/// <param name="DescentSteps">Descent steps taken over the tile.</param>
/// <param name="Seconds">Seconds the device spent on the tile, clustering included.</param>
/// <param name="Device">The engine that computed it.</param>
public sealed record TileRecord(TileSpec Tile, BucketTable Buckets, long DescentSteps, double Seconds, string Device)
{
    private static readonly IReadOnlyDictionary<string, string> NoFiles = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The tile's files by kind (buckets.npy or basins.npy, steps.npy, endpoints.npy) and their <see cref="ContentHash"/>.</summary>
    public IReadOnlyDictionary<string, string> Files { get; init; } = NoFiles;

    /// <summary>Writes the record as JSON.</summary>
    public void Write(Stream stream)
    {
        using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteStartArray("tile");
        foreach (int value in new[] { Tile.X, Tile.Y, Tile.Width, Tile.Height })
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
        json.WriteNumber("starts", Buckets.Starts);
        json.WriteNumber("diverged", Buckets.Diverged);
        json.WriteNumber("unconverged", Buckets.Unconverged);
        json.WriteNumber("descentSteps", DescentSteps);
        json.WriteNumber("seconds", Seconds);
        json.WriteString("device", Device);
        json.WriteStartObject("buckets");
        WriteNumbers(json, "keys", Buckets.Keys);
        WriteNumbers(json, "counts", Buckets.Counts);
        WriteNumbers(json, "stepSums", Buckets.StepSums.Select(sum => (long)sum));
        json.WriteEndObject();
        json.WriteStartObject("sha256");
        foreach ((string kind, string hash) in Files.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            json.WriteString(kind, hash);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>Reads a record written by <see cref="Write"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a tile record.</exception>
    public static TileRecord Read(string path)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
            JsonElement root = document.RootElement;
            int[] tile = root.GetProperty("tile").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            JsonElement buckets = root.GetProperty("buckets");
            var table = new BucketTable(
                buckets.GetProperty("keys").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                buckets.GetProperty("counts").EnumerateArray().Select(e => e.GetInt64()).ToArray(),
                buckets.GetProperty("stepSums").EnumerateArray().Select(e => (double)e.GetInt64()).ToArray(),
                root.GetProperty("starts").GetInt64(),
                root.GetProperty("diverged").GetInt64(),
                root.GetProperty("unconverged").GetInt64());
            var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("sha256", out JsonElement hashes))
            {
                foreach (JsonProperty file in hashes.EnumerateObject())
                {
                    files[file.Name] = file.Value.GetString() ?? "";
                }
            }

            return new TileRecord(new TileSpec(tile[0], tile[1], tile[2], tile[3]), table.Validated(),
                root.GetProperty("descentSteps").GetInt64(), root.GetProperty("seconds").GetDouble(),
                root.GetProperty("device").GetString() ?? "")
            {
                Files = files,
            };
        }
        catch (Exception error) when (error is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or FormatException or ArgumentException)
        {
            throw new InvalidDataException($"tile record '{path}' is damaged: {error.Message}", error);
        }
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, IEnumerable<long> values)
    {
        json.WriteStartArray(name);
        foreach (long value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }
}
