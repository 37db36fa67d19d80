using LandscapeGpu.Descents;

namespace LandscapeGpu.Landscapes.Models;

/// <summary>The data sets shipped with the tool (the repository's data/ folder, copied beside the program), and lookup by name or path.</summary>
public static class DataSets
{
    /// <summary>The folder the shipped data sets are read from.</summary>
    public static string Directory => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>The names of the shipped data sets, sorted.</summary>
    public static IReadOnlyList<string> ShippedNames =>
        System.IO.Directory.Exists(Directory)
            ? System.IO.Directory.GetFiles(Directory, "*.csv").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal).ToList()
            : [];

    /// <summary>Reads the shipped data set <paramref name="nameOrPath"/>, or else the CSV file at that path.</summary>
    /// <exception cref="InvalidParameterException">It (<c>data</c>) is neither a shipped name nor an existing file.</exception>
    /// <exception cref="FormatException">The file is not a valid data set.</exception>
    public static DataSet Load(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        string shipped = Path.Combine(Directory, nameOrPath + ".csv");
        if (nameOrPath.Length > 0 && nameOrPath.IndexOfAny(['/', '\\']) < 0 && File.Exists(shipped))
        {
            return DataSetReader.Read(shipped, nameOrPath);
        }

        if (File.Exists(nameOrPath))
        {
            return DataSetReader.Read(nameOrPath, nameOrPath);
        }

        throw new InvalidParameterException("data", $"'{nameOrPath}'",
            $"{{data}} '{nameOrPath}' is neither a shipped data set ({string.Join(", ", ShippedNames)}) nor an existing CSV file");
    }
}
