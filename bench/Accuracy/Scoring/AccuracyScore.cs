namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>The figures of one catalog run against the ground truth, per spec and summed, with every miss.</summary>
internal sealed class AccuracyScore
{
    public required string Input { get; init; }
    public required string Mode { get; init; }
    public TimeSpan Elapsed { get; init; }

    /// <summary>False where no operation was left out of the specs (no spec, full specs): shadow is not scored.</summary>
    public bool ShadowScored { get; init; } = true;
    public int CatalogEndpoints { get; set; }
    public long CatalogRequests { get; set; }
    public List<SpecScore> Specs { get; } = [];
    public int SensitivePairsExpected { get; set; }
    public int SensitivePairsFound { get; set; }
    public int SensitiveEndpointsExpected { get; set; }
    public int SensitiveEndpointsFound { get; set; }
    public int SensitiveFalsePositiveEndpoints { get; set; }
    public List<string> SensitiveMisses { get; } = [];

    public double SensitivePairRecall => Ratio.Of(SensitivePairsFound, SensitivePairsExpected);
    public double SensitiveEndpointRecall => Ratio.Of(SensitiveEndpointsFound, SensitiveEndpointsExpected);
    public double SensitiveFalsePositiveRate => Ratio.Of(SensitiveFalsePositiveEndpoints, CatalogEndpoints);

    /// <summary>Summed figures over a subset of specs (the real-spec sample, or the own five).</summary>
    public Aggregate Over(Func<SpecScore, bool> filter) => new(Specs.Where(filter).ToList());
}

/// <summary>Micro (summed counts) and macro (mean per spec) figures of a set of specs.</summary>
internal sealed class Aggregate(IReadOnlyList<SpecScore> specs)
{
    public IReadOnlyList<SpecScore> Specs => specs;
    public int TruePositives => specs.Sum(s => s.TruePositives);
    public int Predicted => specs.Sum(s => s.Predicted);
    public int Expected => specs.Sum(s => s.Expected);
    public double MicroPrecision => Ratio.Of(TruePositives, Predicted);
    public double MicroRecall => Ratio.Of(TruePositives, Expected);
    public double MicroF1 => Ratio.F1(MicroPrecision, MicroRecall);
    public double MacroPrecision => specs.Count == 0 ? 1 : specs.Average(s => s.Precision);
    public double MacroRecall => specs.Count == 0 ? 1 : specs.Average(s => s.Recall);
    public double MacroF1 => specs.Count == 0 ? 1 : specs.Average(s => s.F1);

    /// <summary>Mean F1 of the worst 10 % of specs (at least one).</summary>
    public double WorstDecileF1
    {
        get
        {
            if (specs.Count == 0)
            {
                return 1;
            }
            var take = Math.Max(1, (int)Math.Ceiling(specs.Count / 10.0));
            return specs.Select(s => s.F1).Order().Take(take).Average();
        }
    }

    public int ShadowTruePositives => specs.Sum(s => s.ShadowTruePositives);
    public int ShadowFalsePositives => specs.Sum(s => s.ShadowFalsePositives);
    public int ShadowOperationsFlagged => specs.Sum(s => s.ShadowOperationsFlagged);
    public int ShadowFalseNegatives => specs.Sum(s => s.ShadowFalseNegatives);

    /// <summary>Per endpoint: flagged endpoints that are shadow ÷ all flagged endpoints.</summary>
    public double ShadowPrecision => Ratio.Of(ShadowTruePositives, ShadowTruePositives + ShadowFalsePositives);

    /// <summary>Per operation: shadow operations flagged on at least one endpoint ÷ all (non-optional) shadow operations.</summary>
    public double ShadowRecall => Ratio.Of(ShadowOperationsFlagged, ShadowOperationsFlagged + ShadowFalseNegatives);
}
