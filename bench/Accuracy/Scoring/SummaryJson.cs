using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>summary.json: the report's figures for scripts (the multi-seed table reads it).</summary>
internal static class SummaryJson
{
    public static JsonObject Build(RunContext context, IReadOnlyList<AccuracyScore> scores, DecidableFigures? decidable = null, AccuracyScore? shadowByTemplate = null)
    {
        var runs = new JsonObject();
        foreach (var score in scores)
        {
            var real = score.Over(s => !s.OwnSpec);
            var own = score.Over(s => s.OwnSpec);
            runs[$"{score.Input.ToLowerInvariant()}-{score.Mode}"] = new JsonObject
            {
                ["input"] = score.Input,
                ["mode"] = score.Mode,
                ["analyzeSeconds"] = Math.Round(score.Elapsed.TotalSeconds, 1),
                ["real"] = Figures(real, score.ShadowScored),
                ["own"] = Figures(own, score.ShadowScored),
                ["sensitive"] = new JsonObject
                {
                    ["endpointRecall"] = Round(score.SensitiveEndpointRecall),
                    ["pairRecall"] = Round(score.SensitivePairRecall),
                    ["falsePositiveEndpointShare"] = Round(score.SensitiveFalsePositiveRate),
                },
                ["perSpec"] = new JsonArray(score.Specs.Select(s => (JsonNode)new JsonObject
                {
                    ["spec"] = s.Spec,
                    ["own"] = s.OwnSpec,
                    ["operations"] = s.Operations,
                    ["f1"] = Round(s.F1),
                    ["precision"] = Round(s.Precision),
                    ["recall"] = Round(s.Recall),
                    ["shadowTP"] = s.ShadowTruePositives,
                    ["shadowFP"] = s.ShadowFalsePositives,
                    ["shadowOpsFlagged"] = s.ShadowOperationsFlagged,
                    ["shadowFN"] = s.ShadowFalseNegatives,
                }).ToArray()),
            };
        }
        if (decidable is not null)
        {
            // Pseudo-runs next to the real ones, so the seed table reads them the same way (Scoring/DecidableTruth.cs).
            runs["ceiling"] = new JsonObject { ["real"] = Figures(decidable.Ceiling.Over(s => !s.OwnSpec), shadow: false), ["own"] = Figures(decidable.Ceiling.Over(s => s.OwnSpec), shadow: false) };
            runs["har-no-spec-decidable"] = new JsonObject { ["real"] = Figures(decidable.EngineVsDecidable.Over(s => !s.OwnSpec), shadow: false), ["own"] = Figures(decidable.EngineVsDecidable.Over(s => s.OwnSpec), shadow: false) };
            runs["har-no-spec"]!["real"]!["missClasses"] = new JsonObject(MissClasses.All.Select(c => KeyValuePair.Create(MissClasses.Label(c),
                (JsonNode?)new JsonObject { ["fn"] = decidable.Classes.FalseNegatives(c), ["fp"] = decidable.Classes.FalsePositives(c) })));
            runs["har-no-spec"]!["real"]!["singleValuedOperations"] = decidable.SingleValuedOperations;
        }
        if (shadowByTemplate is not null)
        {
            runs["har-partial-spec-by-template"] = new JsonObject { ["real"] = Figures(shadowByTemplate.Over(s => !s.OwnSpec), shadow: true), ["own"] = Figures(shadowByTemplate.Over(s => s.OwnSpec), shadow: true) };
        }
        return new JsonObject
        {
            ["seed"] = context.Seed,
            ["partition"] = context.Sample.Partition.ToString().ToLowerInvariant(),
            ["realSpecs"] = context.Sample.Specs.Count,
            ["ownSpecs"] = context.OwnSpecCount,
            ["operations"] = context.Plan.Truth.Count,
            ["calls"] = context.Plan.Exchanges.Count,
            ["skipped"] = new JsonObject(context.Sample.Skipped.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))),
            ["seconds"] = Math.Round(context.Clock.Elapsed.TotalSeconds, 1),
            ["runs"] = runs,
        };
    }

    public static void Write(string path, JsonObject summary) =>
        File.WriteAllText(path, summary.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    private static JsonObject Figures(Aggregate a, bool shadow)
    {
        var result = new JsonObject
        {
            ["specs"] = a.Specs.Count,
            ["microF1"] = Round(a.MicroF1),
            ["microPrecision"] = Round(a.MicroPrecision),
            ["microRecall"] = Round(a.MicroRecall),
            ["macroF1"] = Round(a.MacroF1),
            ["macroPrecision"] = Round(a.MacroPrecision),
            ["macroRecall"] = Round(a.MacroRecall),
            ["worstDecileF1"] = Round(a.WorstDecileF1),
            ["truePositives"] = a.TruePositives,
            ["expected"] = a.Expected,
            ["predicted"] = a.Predicted,
        };
        if (shadow)
        {
            result["shadowPrecision"] = Round(a.ShadowPrecision);
            result["shadowRecall"] = Round(a.ShadowRecall);
            result["shadowTP"] = a.ShadowTruePositives;
            result["shadowFP"] = a.ShadowFalsePositives;
            result["shadowOpsFlagged"] = a.ShadowOperationsFlagged;
            result["shadowFN"] = a.ShadowFalseNegatives;
        }
        return result;
    }

    private static double Round(double value) => Math.Round(value, 4);
}
