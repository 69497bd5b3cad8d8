using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>The table across seeds (<c>--table</c>): one row per summary.json, then min and mean of each column.</summary>
internal static class SeedTable
{
    private static readonly (string Title, string Run, string Figure)[] Columns =
    [
        ("no-spec F1 (micro)", "har-no-spec", "microF1"),
        ("no-spec F1 (macro)", "har-no-spec", "macroF1"),
        ("no-spec worst decile", "har-no-spec", "worstDecileF1"),
        ("full-spec F1 (micro)", "har-full-spec", "microF1"),
        ("full-spec F1 (macro)", "har-full-spec", "macroF1"),
        ("partial-spec F1 (micro)", "har-partial-spec", "microF1"),
        ("shadow P", "har-partial-spec", "shadowPrecision"),
        ("shadow R", "har-partial-spec", "shadowRecall"),
    ];

    public static string Render(IEnumerable<string> summaryFiles)
    {
        var rows = summaryFiles.Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject()).ToList();
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        var partition = rows.Count > 0 ? rows[0]["partition"]?.ToString() : "?";
        text.AppendLine(invariant, $"## Catalog accuracy across seeds (real specs, partition {partition})");
        text.AppendLine();
        text.AppendLine(invariant, $"| seed | specs | calls | {string.Join(" | ", Columns.Select(c => c.Title))} | run time |");
        text.AppendLine(invariant, $"|---|---|---|{string.Concat(Columns.Select(_ => "---|"))}---|");
        var values = new List<double?[]>();
        foreach (var row in rows)
        {
            var cells = Columns.Select(c => row["runs"]?[c.Run]?["real"]?[c.Figure]?.GetValue<double>()).ToArray();
            values.Add(cells);
            text.AppendLine(invariant, $"| {row["seed"]} | {row["realSpecs"]} | {row["calls"]} | {string.Join(" | ", cells.Select(Cell))} | {row["seconds"]} s |");
        }
        foreach (var (label, aggregate) in (ReadOnlySpan<(string, Func<IEnumerable<double>, double>)>)[("min", v => v.Min()), ("mean", v => v.Average())])
        {
            var cells = Enumerable.Range(0, Columns.Length)
                .Select(i => values.Select(v => v[i]).OfType<double>().ToList())
                .Select(list => list.Count == 0 ? (double?)null : aggregate(list));
            text.AppendLine(invariant, $"| **{label}** | | | {string.Join(" | ", cells.Select(Cell))} | |");
        }
        text.AppendLine();
        text.AppendLine("Targets (issue 7, reported, not enforced): no-spec F1 ≥ 0.95, full-spec F1 ≥ 0.99, shadow P/R ≥ 0.95, worst decile ≥ 0.85.");
        return text.ToString();
    }

    private static string Cell(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "n/a";
}
