using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Templating;

/// <summary>
/// Groups concrete request paths into templates (<c>/users/8812/orders/3f2a…</c> →
/// <c>/users/{userId}/orders/{orderId}</c>), per host.
/// <para>
/// How: each host has a trie of observed segments. Identifier-shaped segments (numbers, UUIDs, ULIDs, ObjectIds,
/// hex and base64 tokens, dates, e-mails, <c>REDACTED</c>) share one "values" child per node, so they are parameters
/// on their own evidence and cost no memory per distinct value. Word segments are stored (bounded per node) and a
/// position becomes a parameter by cardinality when it has many words each carrying a small share of its traffic
/// (<see cref="TemplatingOptions"/>); frequent fixed siblings (<c>/users/me</c>) stay literal. The first segment
/// (after <c>api</c>/version prefixes) and version segments never become parameters by default.
/// </para>
/// <para>
/// Determinism: templates are compiled from the trie's counts and sets only, so the same multiset of paths yields the
/// same templates in any order. Order can matter only once a bound bites (more than
/// <see cref="TemplatingOptions.MaxTrackedLiteralsPerNode"/> distinct words at one node, or the per-host node
/// budget): which words were stored before the cap depends on arrival. The cap is far above the cardinality
/// threshold, so that position is a parameter either way; what can differ is whether a rare fixed sibling that first
/// appeared after the cap stays literal. Compilation is lazy (see <see cref="TemplatingOptions.RecomputeDivisor"/>):
/// when Observe and Resolve interleave, results may trail the latest calls slightly; <see cref="Refresh"/> forces it.
/// </para>
/// <para>
/// Cost: Observe on a known shape walks the trie with spans (no allocation); Resolve walks the compiled trie and
/// returns a template object built at compile time (no allocation). Not thread-safe.
/// </para>
/// </summary>
public sealed partial class PathTemplater
{
    private readonly TemplatingOptions _options;
    private readonly TemplateCompiler _compiler;
    private readonly Dictionary<string, HostTemplater> _hosts = new(StringComparer.Ordinal);

    public PathTemplater(TemplatingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _compiler = new TemplateCompiler(options);
    }

    /// <summary>Distinct word literals stored across all hosts (the memory the trie holds besides counters).</summary>
    public long TrackedLiteralCount => _hosts.Values.Sum(h => (long)h.TrackedLiteralCount);

    /// <summary>Trie nodes across all hosts.</summary>
    public long NodeCount => _hosts.Values.Sum(h => (long)h.NodeCount);

    /// <summary>Calls cut short because a host's node budget was exhausted.</summary>
    public long TruncatedCalls => _hosts.Values.Sum(h => h.TruncatedCalls);

    /// <summary>
    /// Records one call's path (without query). <paramref name="evidence"/> is the call itself when the caller has it:
    /// its method, status, content type, response field names and query parameter names tell rare siblings that are
    /// values of one parameter from rare siblings that are different operations (see <see cref="NodeShape"/>).
    /// </summary>
    public void Observe(string host, string path, ApiCall? evidence = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(path);
        HostFor(host).Observe(path, evidence);
    }

    /// <summary>
    /// Declares the templates of an OpenAPI spec for a host (replacing any earlier set). A path matching one resolves
    /// to it with reason <c>spec</c>; other paths are inferred as usual — they are shadow endpoints.
    /// </summary>
    public void UseSpecTemplates(string host, IEnumerable<string> templates)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(templates);
        var spec = new SpecTemplateSet(templates);
        HostFor(host).Spec = spec.Count > 0 ? spec : null;
    }

    /// <summary>
    /// The current best template for a concrete path, or for a template returned earlier (placeholders such as
    /// <c>{userId}</c> match the parameter at their position), so the catalog can re-key endpoints as evidence grows.
    /// Paths never observed are templated from their value classes alone (reason <c>unobserved</c>).
    /// </summary>
    public PathTemplate Resolve(string host, string pathOrTemplate)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(pathOrTemplate);
        Span<Range> buffer = stackalloc Range[PathSegments.StackCapacity];
        int count = PathSegments.Split(pathOrTemplate, buffer);
        ReadOnlySpan<Range> segments = count >= 0 ? buffer[..count] : PathSegments.SplitToArray(pathOrTemplate);

        _hosts.TryGetValue(host, out var state);
        if (state?.Spec?.Match(pathOrTemplate, segments) is { } declared)
        {
            return declared;
        }

        // The templater's parts split a custom-method suffix off its segment (CustomMethodSuffix); the spec matcher
        // reads whole segments. Only a path with a colon pays for the second split.
        if (pathOrTemplate.Contains(':'))
        {
            count = CustomMethodSuffix.SplitParts(pathOrTemplate, buffer);
            segments = count >= 0 ? buffer[..count] : CustomMethodSuffix.SplitPartsToArray(pathOrTemplate);
        }

        TemplateNode? node = state?.Templates();
        if (node is null)
        {
            return UnobservedTemplate.Build(null, pathOrTemplate, segments, 0, _options);
        }

        for (int i = 0; i < segments.Length; i++)
        {
            ReadOnlySpan<char> segment = pathOrTemplate.AsSpan(segments[i]);
            if (node.TryGetLiteral(segment, out var literal))
            {
                node = literal;
            }
            else if (node.Parameter is not null && BelongsToParameter(node, segment))
            {
                node = node.Parameter;
            }
            else
            {
                return UnobservedTemplate.Build(node, pathOrTemplate, segments, i, _options);
            }
        }

        return node.Template;
    }

    /// <summary>Recompiles every host's templates now, so the next Resolve reflects every call observed so far.</summary>
    public void Refresh()
    {
        foreach (var state in _hosts.Values)
        {
            state.Templates(force: true);
        }
    }

    private bool BelongsToParameter(TemplateNode node, ReadOnlySpan<char> segment)
    {
        if (PathSegments.IsPlaceholder(segment))
        {
            return true;
        }

        if (!_options.VersionSegmentsMayBeParameters && !node.ParameterTakesVersions && SegmentClassifier.IsVersion(segment))
        {
            return false;
        }

        return node.ParameterTakesWords || SegmentClassifier.Classify(segment) != ValueClass.None;
    }

    private HostTemplater HostFor(string host)
    {
        if (!_hosts.TryGetValue(host, out var state))
        {
            state = new HostTemplater(_options, _compiler);
            _hosts.Add(host, state);
        }

        return state;
    }
}
