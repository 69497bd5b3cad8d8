using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// Which of a spec's operations a concrete path belongs to, by OpenAPI's rule (a literal segment beats an
/// embedded parameter beats a whole-segment parameter, first difference from the left). The generator uses it
/// to redraw a value that would land on a sibling (<c>/users/{id}</c> drawing <c>me</c> where <c>/users/me</c>
/// exists): the truth must be what the traffic really is.
/// </summary>
internal sealed class SpecRouter
{
    private readonly List<(SpecOperation? Operation, string Method, TemplateSegment[] Segments)> _templates;

    /// <param name="otherRoutes">Further (method, template) routes that belong to no generated operation.</param>
    public SpecRouter(IEnumerable<SpecOperation> operations, IEnumerable<(string Method, string Path)>? otherRoutes = null)
    {
        _templates = operations.Select(o => ((SpecOperation?)o, o.Method, Split(o.FullPath).Select(TemplateSegment.Of).ToArray()))
            .Concat((otherRoutes ?? []).Select(r => ((SpecOperation?)null, r.Method, Split(r.Path).Select(TemplateSegment.Of).ToArray())))
            .ToList();
    }

    /// <summary>Whether any route covers the path.</summary>
    public bool Covers(string method, string path) => Best(method, path) is not null;

    public SpecOperation? Route(string method, string path) => Best(method, path)?.Operation;

    private (SpecOperation? Operation, string Method, TemplateSegment[] Segments)? Best(string method, string path)
    {
        var segments = Split(path.Split('?')[0]);
        (SpecOperation? Operation, string Method, TemplateSegment[] Segments)? best = null;
        foreach (var candidate in _templates)
        {
            if (candidate.Method != method || candidate.Segments.Length != segments.Length ||
                !candidate.Segments.Zip(segments).All(p => p.First.Matches(p.Second)))
            {
                continue;
            }
            if (best is null || TemplateSegment.Compare(candidate.Segments, best.Value.Segments) > 0)
            {
                best = candidate;
            }
        }
        return best;
    }

    private static string[] Split(string path) => path.Trim('/').Split('/');
}
