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
        ("shadow P by template", "har-partial-spec-by-template", "shadowPrecision"),
        ("shadow R by template", "har-partial-spec-by-template", "shadowRecall"),
    ];

    // What traffic can decide (Scoring/DecidableTruth.cs): a second table, the headline one unchanged.
    private static readonly (string Title, string Run, string Figure)[] DecidableColumns =
    [
        ("ceiling F1 (micro)", "ceiling", "microF1"),
        ("ceiling F1 (macro)", "ceiling", "macroF1"),
        ("ceiling worst decile", "ceiling", "worstDecileF1"),
        ("no-spec vs decidable F1 (micro)", "har-no-spec-decidable", "microF1"),
        ("no-spec vs decidable F1 (macro)", "har-no-spec-decidable", "macroF1"),
        ("no-spec vs decidable worst decile", "har-no-spec-decidable", "worstDecileF1"),
    ];

    public static string Render(IEnumerable<string> summaryFiles)
    {
        var rows = summaryFiles.Select(f => JsonNode.Parse(File.ReadAllText(f))!.AsObject()).ToList();
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        var partition = rows.Count > 0 ? rows[0]["partition"]?.ToString() : "?";
        text.AppendLine(invariant, $"## Catalog accuracy across seeds (real specs, partition {partition})");
        text.AppendLine();
        Table(text, rows, Columns, runTime: true);
        text.AppendLine();
        text.AppendLine("Targets (issue 7, reported, not enforced): no-spec F1 ≥ 0.95, full-spec F1 ≥ 0.99, shadow P/R ≥ 0.95, worst decile ≥ 0.85.");
        if (rows.Any(r => r["runs"]?["ceiling"] is not null))
        {
            text.AppendLine();
            text.AppendLine("What traffic can decide: the ceiling is the traffic-decidable truth (single-valued parameters as literals) scored against the spec truth; the engine's no-spec catalog scored against that truth beside it.");
            text.AppendLine();
            Table(text, rows, DecidableColumns, runTime: false);
        }
        return text.ToString();
    }

    private static void Table(StringBuilder text, List<JsonObject> rows, (string Title, string Run, string Figure)[] columns, bool runTime)
    {
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"| seed | specs | calls | {string.Join(" | ", columns.Select(c => c.Title))} |{(runTime ? " run time |" : "")}");
        text.AppendLine(invariant, $"|---|---|---|{string.Concat(columns.Select(_ => "---|"))}{(runTime ? "---|" : "")}");
        var values = new List<double?[]>();
        foreach (var row in rows)
        {
            var cells = columns.Select(c => row["runs"]?[c.Run]?["real"]?[c.Figure]?.GetValue<double>()).ToArray();
            values.Add(cells);
            text.AppendLine(invariant, $"| {row["seed"]} | {row["realSpecs"]} | {row["calls"]} | {string.Join(" | ", cells.Select(Cell))} |{(runTime ? $" {row["seconds"]} s |" : "")}");
        }
        foreach (var (label, aggregate) in (ReadOnlySpan<(string, Func<IEnumerable<double>, double>)>)[("min", v => v.Min()), ("mean", v => v.Average())])
        {
            var cells = Enumerable.Range(0, columns.Length)
                .Select(i => values.Select(v => v[i]).OfType<double>().ToList())
                .Select(list => list.Count == 0 ? (double?)null : aggregate(list));
            text.AppendLine(invariant, $"| **{label}** | | | {string.Join(" | ", cells.Select(Cell))} |{(runTime ? " |" : "")}");
        }
    }

    private static string Cell(double? value) => value is { } v ? v.ToString("F3", CultureInfo.InvariantCulture) : "n/a";
}
