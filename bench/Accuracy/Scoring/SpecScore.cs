namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>Template and shadow counts of one spec (one host) in one run, with its misses.</summary>
internal sealed class SpecScore
{
    public required string Spec { get; init; }
    public bool OwnSpec { get; init; }
    public int Operations { get; init; }
    public int TruePositives { get; set; }
    public int Predicted { get; set; }
    public int Expected { get; set; }
    /// <summary>Endpoints flagged shadow whose true operation is shadow (precision's numerator).</summary>
    public int ShadowTruePositives { get; set; }
    /// <summary>Endpoints flagged shadow whose true operation is published, or that belong to no true operation.</summary>
    public int ShadowFalsePositives { get; set; }
    /// <summary>Shadow operations with at least one of their endpoints flagged shadow (recall's numerator).</summary>
    public int ShadowOperationsFlagged { get; set; }
    /// <summary>Shadow operations none of whose endpoints is flagged shadow.</summary>
    public int ShadowFalseNegatives { get; set; }
    public List<string> TemplateMisses { get; } = [];
    public List<string> ShadowMisses { get; } = [];

    public double Precision => Ratio.Of(TruePositives, Predicted);
    public double Recall => Ratio.Of(TruePositives, Expected);
    public double F1 => Ratio.F1(Precision, Recall);
}

internal static class Ratio
{
    public static double Of(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    public static double F1(double precision, double recall) => precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
}
