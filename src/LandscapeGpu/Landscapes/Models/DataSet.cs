namespace LandscapeGpu.Landscapes.Models;

/// <summary>
/// A table of finite numbers read from a CSV file: named columns, one of them the target <c>y</c>, stored row-major
/// (row r, column c at <c>Values[r * Columns.Count + c]</c>) as kernels read it.
/// </summary>
public sealed class DataSet
{
    /// <summary>The name of the target column.</summary>
    public const string TargetColumn = "y";

    /// <summary>Wraps already-validated values.</summary>
    /// <exception cref="ArgumentException">The values are not rows × columns, a value is not finite, or there is no <c>y</c> column.</exception>
    public DataSet(string name, IReadOnlyList<string> columns, double[] values, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(values);
        if (columns.Count == 0 || values.Length == 0 || values.Length % columns.Count != 0)
        {
            throw new ArgumentException($"data '{name}': {values.Length} values do not fill whole rows of {columns.Count} columns", nameof(values));
        }

        if (!columns.Contains(TargetColumn))
        {
            throw new ArgumentException($"data '{name}' has no '{TargetColumn}' column (the target); its columns: {string.Join(", ", columns)}", nameof(columns));
        }

        int bad = Array.FindIndex(values, value => !double.IsFinite(value));
        if (bad >= 0)
        {
            throw new ArgumentException($"data '{name}', row {bad / columns.Count + 1}, column '{columns[bad % columns.Count]}': {values[bad]} is not a finite number", nameof(values));
        }

        Name = name;
        Columns = columns;
        Values = values;
        Description = description;
    }

    /// <summary>The name it is shown by: a shipped data set's name, or the file's path.</summary>
    public string Name { get; }

    /// <summary>The column names, in file order.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The values, row-major.</summary>
    public double[] Values { get; }

    /// <summary>How the data was made (the file's leading comment), or null.</summary>
    public string? Description { get; }

    /// <summary>The number of rows.</summary>
    public int Rows => Values.Length / Columns.Count;

    /// <summary>The input columns: every column but <c>y</c>.</summary>
    public IEnumerable<string> Inputs => Columns.Where(column => column != TargetColumn);
}
