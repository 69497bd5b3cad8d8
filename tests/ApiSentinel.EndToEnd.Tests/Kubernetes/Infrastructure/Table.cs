using System.Text.RegularExpressions;

namespace ApiSentinel.EndToEnd.Tests.Kubernetes.Infrastructure;

/// <summary>
/// kubectl's human-readable table (<c>get</c>, <c>-o wide</c>) read back by column: kubectl aligns columns with a
/// tab writer (at least two spaces between them), and a header may itself contain one space (<c>LAST SEEN</c>), so
/// cells are cut at the header's column starts rather than split on whitespace.
/// </summary>
internal sealed partial class Table
{
    private Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyDictionary<string, string>> rows)
    {
        Header = header;
        Rows = rows;
    }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<IReadOnlyDictionary<string, string>> Rows { get; }

    public static Table Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0)
        {
            throw new FormatException("kubectl printed no table");
        }
        var starts = ColumnStart().Matches(lines[0]).Select(m => (m.Index, Name: m.Value)).ToList();
        var rows = lines.Skip(1).Select(line =>
        {
            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < starts.Count; i++)
            {
                int from = Math.Min(starts[i].Index, line.Length);
                int to = i + 1 < starts.Count ? Math.Min(starts[i + 1].Index, line.Length) : line.Length;
                cells[starts[i].Name] = line[from..to].Trim();
            }
            return (IReadOnlyDictionary<string, string>)cells;
        }).ToList();
        return new Table([.. starts.Select(s => s.Name)], rows);
    }

    // A header name: non-blank runs joined by single spaces, at the line's start or after two or more spaces.
    [GeneratedRegex(@"(?<=^|\s{2})\S+(?: \S+)*")]
    private static partial Regex ColumnStart();
}
