using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.Scoring;

/// <summary>
/// Which of one host's catalog endpoints a concrete call path lands on, by the catalog's own templates and
/// OpenAPI's rule (a literal beats an embedded parameter beats a whole-segment parameter, first difference from
/// the left): how the shadow scoring knows whose calls an endpoint holds. Endpoints not flagged shadow are tried
/// first: a catalog files a call under a published template before it infers one, so an inferred
/// <c>/v3/nba/stats/XML/{x}</c> does not take <c>/v3/nba/stats/XML/Players</c> from the published
/// <c>/v3/nba/stats/{format}/Players</c> (EVAL seed 2: 6 of 7 false shadow endpoints were that).
/// </summary>
internal sealed class CatalogRouter
{
    private readonly ILookup<string, (CatalogEndpoint Endpoint, TemplateSegment[] Segments)> _byMethod;

    public CatalogRouter(IEnumerable<CatalogEndpoint> endpoints) =>
        // Both sides compare decoded: the catalog keeps a literal as it arrived (/Arabidopsis%20thaliana/search/…).
        _byMethod = endpoints.Select(e => (e, Split(e.Path).Select(s => TemplateSegment.Of(Uri.UnescapeDataString(s))).ToArray())).ToLookup(p => p.e.Method);

    public CatalogEndpoint? Route(string method, string path)
    {
        var segments = Split(path).Select(Uri.UnescapeDataString).ToArray();
        return Best(method, segments, shadow: false) ?? Best(method, segments, shadow: true);
    }

    private CatalogEndpoint? Best(string method, string[] segments, bool shadow)
    {
        (CatalogEndpoint Endpoint, TemplateSegment[] Segments)? best = null;
        foreach (var candidate in _byMethod[method].Where(c => c.Endpoint.Shadow == shadow))
        {
            if (candidate.Segments.Length == segments.Length && candidate.Segments.Zip(segments).All(p => p.First.Matches(p.Second)) &&
                (best is null || TemplateSegment.Compare(candidate.Segments, best.Value.Segments) > 0))
            {
                best = candidate;
            }
        }
        return best?.Endpoint;
    }

    private static string[] Split(string path) => path.Trim('/').Split('/');
}
