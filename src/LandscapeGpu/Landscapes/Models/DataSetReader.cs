using System.Globalization;
using System.Text;
using LandscapeGpu.Landscapes.Formulas;

namespace LandscapeGpu.Landscapes.Models;

/// <summary>
/// Reads a data set from CSV: a header of column names (one of them <c>y</c>), then one row of numbers per line.
/// Lines starting with '#' are comments (the first says how the data was made); blank lines are skipped.
/// Every problem is reported as a <see cref="FormatException"/> naming the file, the line and the column. Only a
/// regular file of at most <see cref="MaxBytes"/> bytes with lines of at most <see cref="MaxLineChars"/> characters
/// is read (a pipe, a device such as /dev/zero, or a runaway file is refused before it can fill memory), and a
/// column may not take the name of a formula constant or function.
/// </summary>
public static class DataSetReader
{
    /// <summary>The largest data file read: 1 GB.</summary>
    public const long MaxBytes = 1_000_000_000;

    /// <summary>The longest line read: 1 MiB of characters.</summary>
    public const int MaxLineChars = 1 << 20;

    /// <summary>Reads <paramref name="path"/>, naming the result <paramref name="name"/>.</summary>
    /// <exception cref="FileNotFoundException">No file is at <paramref name="path"/>.</exception>
    /// <exception cref="FormatException">The file is not a regular file, too large, empty, ragged, has a non-numeric or non-finite cell, or no y column.</exception>
    public static DataSet Read(string path, string name)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"data file '{path}' does not exist", path);
        }

        // Pipes and devices report no length (and a pipe blocks on opening): only a regular file with content is read.
        var file = new FileInfo(path);
        FileInfo target = file.LinkTarget is null ? file : (file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo) ?? file;
        if (!target.Exists || target.Length == 0)
        {
            throw new FormatException($"data '{name}' is empty or not a regular file (a pipe or a device): give a CSV file");
        }

        if (target.Length > MaxBytes)
        {
            throw new FormatException($"data '{name}' has {target.Length:N0} bytes, more than the {MaxBytes:N0} a data file may have");
        }

        using var stream = new FileStream(target.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Parse(ReadLines(stream, name), name);
    }

    // Lines of at most MaxLineChars, at most MaxBytes in all (the file may grow while it is read).
    private static IEnumerable<string> ReadLines(Stream stream, string name)
    {
        using var reader = new StreamReader(new BoundedStream(stream, MaxBytes, name), Encoding.UTF8);
        var line = new StringBuilder();
        var buffer = new char[1 << 16];
        int lineNumber = 1;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (int i = 0; i < read; i++)
            {
                char c = buffer[i];
                if (c == '\n')
                {
                    yield return line.ToString().TrimEnd('\r');
                    line.Clear();
                    lineNumber++;
                }
                else if (line.Length >= MaxLineChars)
                {
                    throw new FormatException($"data '{name}', line {lineNumber}: longer than {MaxLineChars:N0} characters");
                }
                else
                {
                    line.Append(c);
                }
            }
        }

        if (line.Length > 0)
        {
            yield return line.ToString().TrimEnd('\r');
        }
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
                // .NET's parser ignores trailing NUL characters: "2\0" must not read as 2.
                if (cells[c].Any(char.IsControl))
                {
                    throw new FormatException($"data '{name}', line {lineNumber}, column '{columns[c]}': the cell holds a control character (\\u{(int)cells[c].First(char.IsControl):x4}); it is not a number");
                }

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

            if (FormulaFunctions.Constants.ContainsKey(cell) || FormulaFunctions.Arities.ContainsKey(cell))
            {
                throw new FormatException($"data '{name}', line {lineNumber}: column name '{cell}' is reserved (a formula constant or function: " +
                    $"{string.Join(", ", FormulaFunctions.Constants.Keys)}, {FormulaFunctions.Names}); rename the column");
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

    private sealed class BoundedStream(Stream inner, long limit, string name) : Stream
    {
        private long total;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => total; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = inner.Read(buffer, offset, count);
            total += read;
            if (total > limit)
            {
                throw new FormatException($"data '{name}' grew past the {limit:N0} bytes a data file may have while it was read");
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
