using ApiSentinel.Bench.Accuracy.Generation;
using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>
/// The traffic-decidable truth: each operation's template with every path parameter whose generated calls all
/// carried exactly one distinct value replaced by that value (<see cref="TruthOperation.DecidablePath"/>). Traffic
/// cannot tell such a position from a literal, so scoring this truth as if it were a catalog against the spec truth
/// gives the ceiling of any traffic-only method; scoring the engine's no-spec catalog against it leaves out what is
/// undecidable. Only single-valued parameters are rewritten: every other miss is something traffic could decide.
/// </summary>
internal static class DecidableTruth
{
    /// <summary>The truth with decidable paths; operations that collapse onto one (host, method, template) are kept once.</summary>
    public static IReadOnlyList<TruthOperation> Of(IEnumerable<TruthOperation> truth) =>
        truth.Select(t => t with { Path = t.TrafficDecidablePath, DecidablePath = null })
            .DistinctBy(t => t.Host.ToLowerInvariant() + " " + t.Method + " " + PathShape.Of(t.Path))
            .ToList();

    /// <summary>The decidable truth as a catalog: one endpoint per operation, with its template. Asset-like
    /// operations (optional without a spec) are left out: the best method need not report them.</summary>
    public static IReadOnlyList<CatalogEndpoint> AsCatalog(IEnumerable<TruthOperation> truth) =>
        truth.Where(t => !t.AssetLike).Select(t => new CatalogEndpoint(t.Host, t.Method, t.TrafficDecidablePath, t.Calls, Shadow: false, Probed: false, [])).ToList();

    /// <summary>The ceiling, the engine against the decidable truth, and the no-spec misses by class.</summary>
    public static DecidableFigures Score(AccuracyScore noSpec, IReadOnlyList<CatalogEndpoint> noSpecCatalog, IReadOnlyList<TruthOperation> truth)
    {
        var none = new Dictionary<string, string?>();
        var ceiling = Scorer.Score("ceiling", "no-spec", shadowScored: false, TimeSpan.Zero, AsCatalog(truth), truth, none);
        var engine = Scorer.Score(noSpec.Input, "no-spec", shadowScored: false, noSpec.Elapsed, noSpecCatalog, Of(truth), none);
        var real = truth.Where(t => !t.OwnSpec).ToList();
        return new DecidableFigures(ceiling, engine, MissClassifier.Classify(noSpecCatalog, real),
            real.Count(t => t.HasSingleValuedParameter && !t.AssetLike), real.Count(t => !t.AssetLike));
    }
}

/// <param name="Ceiling">The decidable truth scored as a catalog against the spec truth.</param>
/// <param name="EngineVsDecidable">The no-spec catalog scored against the decidable truth.</param>
/// <param name="Classes">The no-spec misses against the spec truth (real specs), by class.</param>
/// <param name="SingleValuedOperations">Real-spec operations (not asset-like) with a single-valued parameter.</param>
/// <param name="Operations">Real-spec operations (not asset-like).</param>
internal sealed record DecidableFigures(AccuracyScore Ceiling, AccuracyScore EngineVsDecidable, MissCounts Classes, int SingleValuedOperations, int Operations);
