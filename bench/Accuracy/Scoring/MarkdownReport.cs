using System.Globalization;
using System.Text;
using ApiSentinel.Bench.Accuracy.Generation;
using ApiSentinel.Bench.Accuracy.RealSpecs;

namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>
/// The Markdown report: headline figures on the real-spec sample (per run mode), the own five specs, sensitive
/// data, the skipped documents, per-spec F1, the ten worst specs with their misses, then every miss of the own specs.
/// </summary>
internal static class MarkdownReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(RunContext context, IReadOnlyList<AccuracyScore> scores, DecidableFigures? decidable = null, AccuracyScore? shadowByTemplate = null)
    {
        var text = new StringBuilder();
        var plan = context.Plan;
        text.AppendLine(Invariant, $"## Catalog accuracy (seed {context.Seed}, partition {context.Sample.Partition.ToString().ToLowerInvariant()})");
        text.AppendLine();
        text.AppendLine(Invariant, $"{context.Sample.Specs.Count} real specs sampled from the {context.Sample.PartitionSize} documents of the partition (+ {context.OwnSpecCount} own specs); " +
            $"{plan.Truth.Count} operations ({plan.Truth.Count(t => t.Shadow)} shadow in the partial specs), {plan.Exchanges.Count} calls from {plan.ClientCount} clients. " +
            $"Generation {context.GenerationTime.TotalSeconds:F1} s, whole run {context.Clock.Elapsed.TotalSeconds:F0} s.");
        text.AppendLine();
        text.AppendLine("### Real specs (headline)");
        text.AppendLine();
        text.AppendLine("| run | template F1 micro (P / R) | macro F1 (P / R) | worst-decile F1 | shadow P / R | analyze |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var score in scores.Where(s => s.Input == "HAR"))
        {
            AggregateRow(text, score, score.Over(s => !s.OwnSpec));
        }
        if (shadowByTemplate is not null)
        {
            var byTemplate = shadowByTemplate.Over(s => !s.OwnSpec);
            text.AppendLine(Invariant, $"| HAR, partial-spec, shadow associated by template (as before) | | | | {byTemplate.ShadowPrecision:F3} / {byTemplate.ShadowRecall:F3} ({byTemplate.ShadowTruePositives} TP / {byTemplate.ShadowFalsePositives} FP endpoints; {byTemplate.ShadowOperationsFlagged} of {byTemplate.ShadowOperationsFlagged + byTemplate.ShadowFalseNegatives} operations) | |");
        }
        text.AppendLine();
        text.AppendLine("Targets (issue 7, reported, not enforced): no-spec F1 ≥ 0.95, full-spec F1 ≥ 0.99, shadow P/R ≥ 0.95, worst decile ≥ 0.85.");
        text.AppendLine();
        if (decidable is not null)
        {
            Decidable(text, scores.First(s => s.Input == "HAR" && s.Mode == "no-spec"), decidable);
        }
        text.AppendLine(Invariant, $"### Own specs ({context.OwnSpecCount})");
        text.AppendLine();
        text.AppendLine("| run | template F1 micro (P / R) | macro F1 (P / R) | worst-decile F1 | shadow P / R | analyze |");
        text.AppendLine("|---|---|---|---|---|---|");
        foreach (var score in scores)
        {
            AggregateRow(text, score, score.Over(s => s.OwnSpec));
        }
        text.AppendLine();
        text.AppendLine("### Sensitive data (all specs)");
        text.AppendLine();
        text.AppendLine("| run | endpoint recall | (endpoint, type) recall | false-positive endpoints |");
        text.AppendLine("|---|---|---|---|");
        foreach (var score in scores)
        {
            text.AppendLine(Invariant, $"| {score.Input}, {score.Mode} | {score.SensitiveEndpointRecall:F3} ({score.SensitiveEndpointsFound}/{score.SensitiveEndpointsExpected}) | {score.SensitivePairRecall:F3} | {score.SensitiveFalsePositiveRate * 100:F1} % ({score.SensitiveFalsePositiveEndpoints}/{score.CatalogEndpoints}) |");
        }
        text.AppendLine();
        text.AppendLine(Invariant, $"### Skipped documents ({context.Sample.Skipped.Values.Sum()})");
        text.AppendLine();
        foreach (var (reason, count) in context.Sample.Skipped.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal))
        {
            text.AppendLine(Invariant, $"- {reason}: {count}");
        }
        foreach (var score in scores.Where(s => s.Input == "HAR"))
        {
            var real = score.Specs.Where(s => !s.OwnSpec).OrderBy(s => s.F1).ThenBy(s => s.Spec, StringComparer.Ordinal).ToList();
            text.AppendLine();
            text.AppendLine(Invariant, $"### Ten worst real specs, {score.Mode}");
            foreach (var spec in real.Take(10))
            {
                text.AppendLine();
                text.AppendLine(Invariant, $"**{spec.Spec}** — F1 {spec.F1:F3} ({spec.TruePositives} of {spec.Expected} true, {spec.Predicted} predicted){(score.ShadowScored ? $", shadow {spec.ShadowTruePositives} TP / {spec.ShadowFalsePositives} FP endpoints, {spec.ShadowOperationsFlagged} of {spec.ShadowOperationsFlagged + spec.ShadowFalseNegatives} operations" : "")}");
                foreach (var miss in spec.TemplateMisses.Order(StringComparer.Ordinal).Take(12).Concat(spec.ShadowMisses.Take(6)))
                {
                    text.AppendLine(Invariant, $"- {miss}");
                }
                if (spec.TemplateMisses.Count > 12)
                {
                    text.AppendLine(Invariant, $"- … and {spec.TemplateMisses.Count - 12} more template misses");
                }
            }
        }
        text.AppendLine();
        text.AppendLine("### Per spec (real specs, template F1)");
        text.AppendLine();
        text.AppendLine(Invariant, $"| spec | operations | {string.Join(" | ", scores.Where(s => s.Input == "HAR").Select(s => s.Mode))} | shadow TP/FP/FN |");
        text.AppendLine(Invariant, $"|---|---|{string.Concat(scores.Where(s => s.Input == "HAR").Select(_ => "---|"))}---|");
        var har = scores.Where(s => s.Input == "HAR").ToList();
        foreach (var spec in har.Take(1).SelectMany(s => s.Specs).Where(s => !s.OwnSpec).OrderBy(s => s.Spec, StringComparer.Ordinal))
        {
            var cells = har.Select(s => s.Specs.First(x => x.Spec == spec.Spec)).ToList();
            var partial = cells[^1];
            text.AppendLine(Invariant, $"| {spec.Spec} | {spec.Operations} | {string.Join(" | ", cells.Select(c => c.F1.ToString("F3", Invariant)))} | {(har[^1].ShadowScored ? $"{partial.ShadowTruePositives}/{partial.ShadowFalsePositives}/{partial.ShadowFalseNegatives}" : "")} |");
        }
        foreach (var score in scores)
        {
            text.AppendLine();
            text.AppendLine(Invariant, $"### Misses on own specs, {score.Input}, {score.Mode}");
            var own = score.Specs.Where(s => s.OwnSpec).ToList();
            Misses(text, "Templates", own.SelectMany(s => s.TemplateMisses.Select(m => $"{s.Spec}: {m}")).ToList());
            Misses(text, "Shadow", own.SelectMany(s => s.ShadowMisses.Select(m => $"{s.Spec}: {m}")).ToList());
        }
        return text.ToString();
    }

    private static void Decidable(StringBuilder text, AccuracyScore noSpec, DecidableFigures decidable)
    {
        text.AppendLine("### What traffic can decide (real specs, no spec)");
        text.AppendLine();
        text.AppendLine(Invariant, $"Traffic-decidable truth: every path parameter whose calls all carried one distinct value is that literal " +
            $"({decidable.SingleValuedOperations} of {decidable.Operations} operations have such a parameter). The ceiling is that truth scored as a catalog against the spec truth: the best any traffic-only method can do.");
        text.AppendLine();
        text.AppendLine("| scored | template F1 micro (P / R) | macro F1 (P / R) | worst-decile F1 |");
        text.AppendLine("|---|---|---|---|");
        foreach (var (label, aggregate) in (ReadOnlySpan<(string, Aggregate)>)[
            ("ceiling: decidable truth vs spec truth", decidable.Ceiling.Over(s => !s.OwnSpec)),
            ("engine vs spec truth (headline)", noSpec.Over(s => !s.OwnSpec)),
            ("engine vs decidable truth", decidable.EngineVsDecidable.Over(s => !s.OwnSpec))])
        {
            text.AppendLine(Invariant, $"| {label} | **{aggregate.MicroF1:F3}** ({aggregate.MicroPrecision:F3} / {aggregate.MicroRecall:F3}; {aggregate.TruePositives} of {aggregate.Expected} true, {aggregate.Predicted} predicted) " +
                $"| {aggregate.MacroF1:F3} ({aggregate.MacroPrecision:F3} / {aggregate.MacroRecall:F3}) | {aggregate.WorstDecileF1:F3} |");
        }
        text.AppendLine();
        var real = noSpec.Over(s => !s.OwnSpec);
        text.AppendLine("No-spec misses against the spec truth by class (each miss gets the first class that explains it; " +
            "\"F1 if right\": micro F1 had every miss of the class been right — missing templates found, extra ones not reported):");
        text.AppendLine();
        text.AppendLine("| class | missing true templates (FN) | extra templates (FP) | micro F1 if right |");
        text.AppendLine("|---|---|---|---|");
        foreach (var value in MissClasses.All)
        {
            var fn = decidable.Classes.FalseNegatives(value);
            var fp = decidable.Classes.FalsePositives(value);
            var ifRight = Ratio.F1(Ratio.Of(real.TruePositives + fn, real.Predicted - fp + fn), Ratio.Of(real.TruePositives + fn, real.Expected));
            text.AppendLine(Invariant, $"| {MissClasses.Label(value)} | {fn} | {fp} | {ifRight:F3} |");
        }
        text.AppendLine(Invariant, $"| **all** | {decidable.Classes.TotalFalseNegatives} | {decidable.Classes.TotalFalsePositives} | |");
        text.AppendLine();
    }

    private static void AggregateRow(StringBuilder text, AccuracyScore score, Aggregate aggregate) =>
        text.AppendLine(Invariant,
            $"| {score.Input}, {score.Mode} | **{aggregate.MicroF1:F3}** ({aggregate.MicroPrecision:F3} / {aggregate.MicroRecall:F3}; {aggregate.TruePositives} of {aggregate.Expected} true, {aggregate.Predicted} predicted) " +
            $"| {aggregate.MacroF1:F3} ({aggregate.MacroPrecision:F3} / {aggregate.MacroRecall:F3}) | {aggregate.WorstDecileF1:F3} " +
            $"| {(score.ShadowScored ? $"{aggregate.ShadowPrecision:F3} / {aggregate.ShadowRecall:F3} ({aggregate.ShadowTruePositives} TP / {aggregate.ShadowFalsePositives} FP endpoints; {aggregate.ShadowOperationsFlagged} of {aggregate.ShadowOperationsFlagged + aggregate.ShadowFalseNegatives} operations)" : "n/a")} | {score.Elapsed.TotalSeconds:F1} s |");

    private static void Misses(StringBuilder text, string title, List<string> misses)
    {
        text.AppendLine();
        text.AppendLine(Invariant, $"{title} ({misses.Count}):");
        foreach (var miss in misses.Order(StringComparer.Ordinal))
        {
            text.AppendLine(Invariant, $"- {miss}");
        }
    }
}

/// <summary>What the report says about the run besides the scores.</summary>
internal sealed record RunContext(int Seed, TrafficPlan Plan, SampledSpecs Sample, int OwnSpecCount, TimeSpan GenerationTime, System.Diagnostics.Stopwatch Clock);
