using System.Globalization;

namespace LandscapeGpu.Landscapes.Models;

/// <summary>
/// Reads a data set from CSV: a header of column names (one of them <c>y</c>), then one row of numbers per line.
/// Lines starting with '#' are comments (the first says how the data was made); blank lines are skipped.
/// Every problem is reported as a <see cref="FormatException"/> naming the file, the line and the column.
/// </summary>
public static class DataSetReader
{
    /// <summary>Reads <paramref name="path"/>, naming the result <paramref name="name"/>.</summary>
    /// <exception cref="FileNotFoundException">No file is at <paramref name="path"/>.</exception>
    /// <exception cref="FormatException">The file is empty, ragged, has a non-numeric or non-finite cell, or no y column.</exception>
    public static DataSet Read(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"data file '{path}' does not exist", path);
        }

        return Parse(File.ReadLines(path), name);
    }

    /// <summary>Parses CSV <paramref name="lines"/>; <paramref name="name"/> is used in messages.</summary>
    /// <exception cref="FormatException">See <see cref="Read"/>.</exception>
    public static DataSet Parse(IEnumerable<string> lines, string name)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(name);
        string? description = null;
        string[]? columns = null;
        var values = new List<double>();
        int lineNumber = 0;
        foreach (string line in lines)
        {
            lineNumber++;
            string trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (trimmed.StartsWith('#'))
            {
                description ??= columns is null ? trimmed.TrimStart('#').Trim() : null;
                continue;
            }

            string[] cells = trimmed.Split(',', StringSplitOptions.TrimEntries);
            if (columns is null)
            {
                columns = ReadHeader(cells, name, lineNumber);
                continue;
            }

            if (cells.Length != columns.Length)
            {
                throw new FormatException($"data '{name}', line {lineNumber}: {cells.Length} cells, but the header has {columns.Length} columns");
            }

            for (int c = 0; c < cells.Length; c++)
            {
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                {
                    throw new FormatException($"data '{name}', line {lineNumber}, column '{columns[c]}': '{cells[c]}' is not a number");
                }

                if (!double.IsFinite(value))
                {
                    throw new FormatException($"data '{name}', line {lineNumber}, column '{columns[c]}': '{cells[c]}' is not finite; data must be finite numbers");
                }

                values.Add(value);
            }
        }

        if (columns is null)
        {
            throw new FormatException($"data '{name}' is empty: it needs a header line (column names, one of them 'y') and at least one row");
        }

        if (values.Count == 0)
        {
            throw new FormatException($"data '{name}' has a header but no rows");
        }

        return new DataSet(name, columns, values.ToArray(), description);
    }

    private static string[] ReadHeader(string[] cells, string name, int lineNumber)
    {
        for (int c = 0; c < cells.Length; c++)
        {
            string cell = cells[c];
            if (cell.Length == 0 || !(char.IsAsciiLetter(cell[0]) || cell[0] == '_') || !cell.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            {
                throw new FormatException($"data '{name}', line {lineNumber}: column name '{cell}' is not a name (letters, digits and _, starting with a letter)");
            }

            if (Array.IndexOf(cells, cell) != c)
            {
                throw new FormatException($"data '{name}', line {lineNumber}: column '{cell}' appears twice");
            }
        }

        if (!cells.Contains(DataSet.TargetColumn))
        {
            throw new FormatException($"data '{name}' has no '{DataSet.TargetColumn}' column (the target); its columns: {string.Join(", ", cells)}");
        }

        return cells;
    }
}
