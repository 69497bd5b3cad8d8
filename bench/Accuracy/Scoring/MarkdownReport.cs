using System.Globalization;
using System.Text;
using ApiSentinel.Bench.Accuracy.Generation;

namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>The Markdown summary: one column per input (pcap, HAR), targets, then every miss by kind.</summary>
internal static class MarkdownReport
{
    public static string Render(TrafficPlan plan, int seed, IReadOnlyList<AccuracyScore> scores)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"## Catalog accuracy (seed {seed})");
        text.AppendLine();
        text.AppendLine(invariant, $"{plan.Truth.Count} operations in {plan.ServerCount} specs ({plan.Truth.Count(t => t.Shadow)} shadow, {plan.Truth.Count(t => t.SensitiveTypes.Count > 0)} carrying sensitive data), {plan.Exchanges.Count} calls from {plan.ClientCount} clients.");
        text.AppendLine();
        text.Append("| metric | target |");
        foreach (var score in scores)
        {
            text.Append(invariant, $" {score.Input} |");
        }
        text.AppendLine();
        text.Append("|---|---|");
        text.AppendLine(string.Concat(scores.Select(_ => "---|")));
        Row(text, scores, "path-template F1", "≥ 0.97", s => $"**{s.TemplateF1:F3}**");
        Row(text, scores, "  template precision / recall", "", s => $"{s.TemplatePrecision:F3} / {s.TemplateRecall:F3} ({s.TemplateTruePositives} of {s.TemplateExpected} true, {s.TemplatePredicted} predicted)");
        Row(text, scores, "shadow precision", "≥ 0.95", s => s.ShadowScored ? $"**{s.ShadowPrecision:F3}** ({s.ShadowTruePositives}/{s.ShadowTruePositives + s.ShadowFalsePositives})" : "n/a");
        Row(text, scores, "shadow recall", "≥ 0.95", s => s.ShadowScored ? $"**{s.ShadowRecall:F3}** ({s.ShadowTruePositives}/{s.ShadowTruePositives + s.ShadowFalseNegatives})" : "n/a");
        Row(text, scores, "sensitive endpoint recall", "≥ 0.95", s => $"**{s.SensitiveEndpointRecall:F3}** ({s.SensitiveEndpointsFound}/{s.SensitiveEndpointsExpected})");
        Row(text, scores, "  sensitive (endpoint, type) recall", "", s => $"{s.SensitivePairRecall:F3} ({s.SensitivePairsFound}/{s.SensitivePairsExpected})");
        Row(text, scores, "sensitive false-positive endpoints", "≤ 2 %", s => $"**{s.SensitiveFalsePositiveRate * 100:F1} %** ({s.SensitiveFalsePositiveEndpoints}/{s.CatalogEndpoints})");
        Row(text, scores, "requests in catalog / generated", "", s => $"{s.CatalogRequests} / {plan.Exchanges.Count}");
        Row(text, scores, "analyze time", "", s => $"{s.Elapsed.TotalSeconds:F1} s");
        foreach (var score in scores)
        {
            text.AppendLine();
            text.AppendLine(invariant, $"### Misses on {score.Input}");
            Misses(text, "Templates", score.TemplateMisses);
            Misses(text, "Shadow", score.ShadowMisses);
            Misses(text, "Sensitive data", score.SensitiveMisses);
        }
        return text.ToString();
    }

    private static void Row(StringBuilder text, IReadOnlyList<AccuracyScore> scores, string name, string target, Func<AccuracyScore, string> cell)
    {
        text.Append(CultureInfo.InvariantCulture, $"| {name} | {target} |");
        foreach (var score in scores)
        {
            text.Append(CultureInfo.InvariantCulture, $" {cell(score)} |");
        }
        text.AppendLine();
    }

    private static void Misses(StringBuilder text, string title, List<string> misses)
    {
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"{title} ({misses.Count}):");
        foreach (var miss in misses.Order(StringComparer.Ordinal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"- {miss}");
        }
    }
}
