namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>The figures of one catalog run against the ground truth, and every miss behind them.</summary>
internal sealed class AccuracyScore
{
    public required string Input { get; init; }
    public TimeSpan Elapsed { get; init; }

    /// <summary>False for a run without specs: nothing can be shadow then, the figures would be meaningless.</summary>
    public bool ShadowScored { get; init; } = true;
    public int CatalogEndpoints { get; set; }
    public long CatalogRequests { get; set; }
    public int TemplateTruePositives { get; set; }
    public int TemplatePredicted { get; set; }
    public int TemplateExpected { get; set; }
    public int ShadowTruePositives { get; set; }
    public int ShadowFalsePositives { get; set; }
    public int ShadowFalseNegatives { get; set; }
    public int SensitivePairsExpected { get; set; }
    public int SensitivePairsFound { get; set; }
    public int SensitiveEndpointsExpected { get; set; }
    public int SensitiveEndpointsFound { get; set; }
    public int SensitiveFalsePositiveEndpoints { get; set; }
    public List<string> TemplateMisses { get; } = [];
    public List<string> ShadowMisses { get; } = [];
    public List<string> SensitiveMisses { get; } = [];

    public double TemplatePrecision => Ratio(TemplateTruePositives, TemplatePredicted);
    public double TemplateRecall => Ratio(TemplateTruePositives, TemplateExpected);
    public double TemplateF1 => TemplatePrecision + TemplateRecall == 0 ? 0 : 2 * TemplatePrecision * TemplateRecall / (TemplatePrecision + TemplateRecall);
    public double ShadowPrecision => Ratio(ShadowTruePositives, ShadowTruePositives + ShadowFalsePositives);
    public double ShadowRecall => Ratio(ShadowTruePositives, ShadowTruePositives + ShadowFalseNegatives);
    public double SensitivePairRecall => Ratio(SensitivePairsFound, SensitivePairsExpected);
    public double SensitiveEndpointRecall => Ratio(SensitiveEndpointsFound, SensitiveEndpointsExpected);
    public double SensitiveFalsePositiveRate => Ratio(SensitiveFalsePositiveEndpoints, CatalogEndpoints);

    private static double Ratio(int part, int whole) => whole == 0 ? 1 : (double)part / whole;
}
