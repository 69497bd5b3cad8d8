using System.Text;

namespace ApiSentinel.Cli.Output;

/// <summary>
/// Fixed-width columns for a streamed table: the header and every row are laid out by the same code, so they
/// cannot drift apart, and every cell goes through <see cref="TerminalText.Cut"/> (terminal-safe, at most its
/// width). A row is therefore never longer than <see cref="Width"/>, whatever the wire sent.
/// </summary>
internal sealed class TableLayout
{
    private readonly Column[] _columns;

    public TableLayout(params Column[] columns)
    {
        _columns = columns;
        Width = columns.Sum(c => c.Width) + columns.Length - 1;
    }

    /// <summary>The longest a line can be: every column at full width, one space between columns.</summary>
    public int Width { get; }

    /// <summary>Start of each column in a line (0-based), for tests and for anyone aligning text with the table.</summary>
    public IReadOnlyList<int> Starts
    {
        get
        {
            var starts = new int[_columns.Length];
            for (var i = 1; i < starts.Length; i++)
            {
                starts[i] = starts[i - 1] + _columns[i - 1].Width + 1;
            }
            return starts;
        }
    }

    public string Header() => Row(_columns.Select(c => c.Header).ToArray());

    /// <summary>One line: each cell cut and padded to its column; the last one is not padded (no trailing spaces).</summary>
    public string Row(params string?[] cells)
    {
        if (cells.Length != _columns.Length)
        {
            throw new ArgumentException($"expected {_columns.Length} cells, got {cells.Length}", nameof(cells));
        }
        var line = new StringBuilder(Width);
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            var text = TerminalText.Cut(cells[i], column.Width);
            var last = i == _columns.Length - 1;
            if (i > 0)
            {
                line.Append(' ');
            }
            if (column.RightAligned)
            {
                line.Append(' ', column.Width - text.Length).Append(text);
            }
            else
            {
                line.Append(text);
                if (!last)
                {
                    line.Append(' ', column.Width - text.Length);
                }
            }
        }
        return line.ToString();
    }

    public readonly record struct Column(string Header, int Width, bool RightAligned = false);
}
