using ApiSentinel.Collector.Templating;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The catalog's per-call handle on one admitted host: its name as admitted, its templating state, and which
/// endpoint each (template, method) of the current compilation is filed under. One host lookup per call instead of
/// three string-keyed ones (bounds, methods, templater), and no hash of (host, method, template) per call: the
/// template object the templater returns leads to the endpoint by reference.
/// <para>
/// The endpoint table is a cache derived from the catalog's endpoint map, never state. It holds only templates the
/// templater calls stable (a compiled node's, or a cached unobserved one), is dropped whole when the host
/// recompiles (its templates are then new objects), and the catalog drops it on every re-key and spec change, where
/// endpoints may move to other keys. It holds only endpoints filed under the call's own method and template — never
/// an overflow bucket, whose calls must each be counted by the bounds.
/// </para>
/// </summary>
internal sealed class IngestHost(string name, HostTemplater templater)
{
    private readonly Dictionary<PathTemplate, ApiEndpoint[]> _endpoints = new(ReferenceEqualityComparer.Instance);
    private TemplateNode? _compiledFor;

    /// <summary>The host as the bounds admitted it (the instance every key of this host carries).</summary>
    public string Name { get; } = name;

    public HostTemplater Templater { get; } = templater;

    public bool TryGetEndpoint(PathTemplate template, string method, out ApiEndpoint endpoint)
    {
        if (ReferenceEquals(_compiledFor, Templater.Compiled) && _endpoints.TryGetValue(template, out var byMethod))
        {
            foreach (var candidate in byMethod)
            {
                if (string.Equals(candidate.Key.Method, method, StringComparison.Ordinal))
                {
                    endpoint = candidate;
                    return true;
                }
            }
        }

        endpoint = null!;
        return false;
    }

    /// <summary>Files <paramref name="endpoint"/> under its template object for the calls after this one.</summary>
    public void Remember(PathTemplate template, ApiEndpoint endpoint)
    {
        if (!ReferenceEquals(_compiledFor, Templater.Compiled))
        {
            _endpoints.Clear();
            _compiledFor = Templater.Compiled;
        }

        _endpoints[template] = _endpoints.TryGetValue(template, out var byMethod) ? [.. byMethod, endpoint] : [endpoint];
    }

    /// <summary>Drops the endpoint table (after a re-key or a spec change).</summary>
    public void ForgetEndpoints()
    {
        _endpoints.Clear();
        _compiledFor = null;
    }
}
