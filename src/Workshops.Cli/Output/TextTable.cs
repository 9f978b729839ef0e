using System.Globalization;
using System.Text;

namespace Workshops.Cli.Output;

/// <summary>Columns padded to their widest cell; numbers right-aligned. Culture-free on purpose.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly HashSet<int> _rightAligned = [];

    public TextTable AlignRight(params int[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _rightAligned.UnionWith(columns);
        return this;
    }

    public void Add(params object?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        _rows.Add([.. cells.Select(Cell)]);
    }

    public string Render(string indent = "  ")
    {
        var widths = headers.Select((h, i) => Math.Max(h.Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[i].Length))).ToArray();
        var builder = new StringBuilder();
        Line(builder, indent, headers, widths);
        foreach (var row in _rows)
        {
            Line(builder, indent, row, widths);
        }

        return builder.ToString();
    }

    /// <summary>Invariant formatting: 1234 is "1234" in every culture, a date is ISO.</summary>
    public static string Cell(object? value) => value switch
    {
        null => "-",
        string text => text.Length == 0 ? "-" : text,
        DateTime time => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "-",
    };

    private void Line(StringBuilder builder, string indent, string[] cells, int[] widths)
    {
        builder.Append(indent);
        for (var i = 0; i < cells.Length; i++)
        {
            var last = i == cells.Length - 1;
            var cell = _rightAligned.Contains(i) ? cells[i].PadLeft(widths[i]) : last ? cells[i] : cells[i].PadRight(widths[i]);
            builder.Append(cell);
            if (!last)
            {
                builder.Append("  ");
            }
        }

        builder.AppendLine();
    }
}
