namespace ApiSentinel.Collector.Specs;

/// <summary>
/// All loaded specs, by host. A host is covered when a spec is bound to it (through the spec's servers or by
/// configuration); on a covered host, traffic that matches no operation is shadow API.
/// </summary>
/// <remarks>
/// Host comparison is case-insensitive. A bound host without a port covers that host on any port
/// (<c>api.example.com</c> covers <c>api.example.com:8443</c>); a bound host with a port covers only that port
/// (default ports are not special here: <see cref="ServerLocations"/> drops them from server URLs, so a spec served at
/// <c>https://api.example.com:443</c> is bound port-less). This is the only home of that rule: the templater asks
/// <see cref="TemplatesFor"/> per traffic host (<see cref="PathTemplater.UseSpecs"/>), so the template a call is
/// keyed under and the operation it is checked against come from the same specs.
/// Methods compare case-insensitively. Path rules are those of <see cref="PathTemplate"/>. Not thread-safe for
/// concurrent <see cref="Add"/>; reads after loading are safe.
/// </remarks>
public sealed class SpecIndex
{
    private readonly Dictionary<string, List<SpecPathPattern>> _byHost = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ApiSpec> _unbound = [];
    private readonly List<SpecBinding> _bindings = [];

    /// <summary>An index of the given specs, added in order.</summary>
    public static SpecIndex Of(IEnumerable<SpecBinding> bindings)
    {
        ArgumentNullException.ThrowIfNull(bindings);
        var index = new SpecIndex();
        foreach (var binding in bindings)
        {
            index.Add(binding.Spec, binding.Hosts);
        }
        return index;
    }

    /// <summary>Every spec added, with the hosts configuration bound it to, in the order added: enough to build the same index again.</summary>
    public IReadOnlyList<SpecBinding> Bindings => _bindings;

    /// <summary>Specs that name no host and were added without hosts: they cover nothing until bound.</summary>
    public IReadOnlyList<ApiSpec> UnboundSpecs => _unbound;

    public IReadOnlyList<(string Host, SpecOperation Operation)> AllOperations =>
        _byHost.SelectMany(entry => entry.Value.Select(t => (entry.Key, t.Operation))).ToArray();

    /// <param name="hosts">Hosts from configuration; they extend the spec's own hosts.</param>
    public void Add(ApiSpec spec, IEnumerable<string>? hosts = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var configured = (hosts ?? []).ToArray();
        _bindings.Add(new SpecBinding(spec, configured));
        var bound = spec.Hosts.Concat(configured).Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).Distinct().ToArray();
        if (bound.Length == 0)
        {
            _unbound.Add(spec);
            return;
        }

        foreach (var host in bound)
        {
            if (!_byHost.TryGetValue(host, out var templates))
            {
                templates = [];
                _byHost[host] = templates;
            }

            templates.AddRange(spec.Operations.Select(op => new SpecPathPattern(op.PathTemplate, op)));
        }
    }

    public bool Covers(string host) => TemplatesOf(host).Any();

    /// <summary>Distinct spec path templates for the host, so the templater can prefer them to inferred ones.</summary>
    public IEnumerable<string> TemplatesFor(string host) => TemplatesOf(host).Select(t => t.Template).Distinct(StringComparer.Ordinal);

    /// <param name="path">A concrete request path (query ignored) or a template with <c>{name}</c> segments.</param>
    public SpecOperation? Match(string host, string method, string path)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var segments = SpecPathPattern.Split(path);
        SpecPathPattern? best = null;
        foreach (var template in TemplatesOf(host))
        {
            if (!string.Equals(template.Operation.Method, method, StringComparison.OrdinalIgnoreCase) || !template.Matches(segments))
            {
                continue;
            }

            if (best is null || template.CompareSpecificity(best) > 0)
            {
                best = template;
            }
        }

        return best?.Operation;
    }

    private IEnumerable<SpecPathPattern> TemplatesOf(string host)
    {
        if (string.IsNullOrEmpty(host))
        {
            yield break;
        }

        var normalized = host.Trim().ToLowerInvariant();
        if (_byHost.TryGetValue(normalized, out var exact))
        {
            foreach (var t in exact)
            {
                yield return t;
            }
        }

        var colon = normalized.LastIndexOf(':');
        // "[::1]:8080" has colons inside brackets; only a colon after the closing bracket starts a port.
        if (colon > 0 && colon > normalized.LastIndexOf(']') && _byHost.TryGetValue(normalized[..colon], out var portless))
        {
            foreach (var t in portless)
            {
                yield return t;
            }
        }
    }
}
