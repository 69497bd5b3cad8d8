using ApiSentinel.Collector.Specs;
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
/// returns a template object built at compile time (no allocation). The catalog's per-call path,
/// <see cref="ObserveAndResolve"/>, does both in one walk on a host handle looked up once, and keeps the templates of
/// paths newer than the compilation until the next one (bounded, see <see cref="UnobservedTemplateBudget"/>).
/// Not thread-safe.
/// </para>
/// </summary>
public sealed partial class PathTemplater
{
    private readonly TemplatingOptions _options;
    private readonly TemplateCompiler _compiler;
    private readonly Dictionary<string, HostTemplater> _hosts = new(StringComparer.Ordinal);
    private readonly UnobservedTemplateBudget _unobservedBudget = new(UnobservedTemplateBudget.DefaultEntries);

    // Where spec templates come from. Hosts are keyed by the traffic's Host exactly, but a spec covers more than one
    // such string (SpecIndex: any case, and a port-less spec host any port), so each host asks the index itself.
    private SpecIndex? _specs;

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

    /// <summary>
    /// Unobserved templates not kept because the cache's budget was spent (each such call builds its template
    /// again: CPU, never data). A derived cache: not state.
    /// </summary>
    public long UnobservedTemplatesNotCached => _unobservedBudget.Refused;

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
    /// Declares the templates of an OpenAPI spec for this host string exactly (replacing any earlier set) until the
    /// next <see cref="UseSpecs"/>. A path matching one resolves to it with reason <c>spec</c>; other paths are
    /// inferred as usual — they are shadow endpoints.
    /// </summary>
    public void UseSpecTemplates(string host, IEnumerable<string> templates)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(templates);
        var spec = new SpecTemplateSet(templates);
        HostFor(host).Spec = spec.Count > 0 ? spec : null;
    }

    /// <summary>
    /// Takes spec templates from <paramref name="specs"/> (null: none) for every host it covers: the hosts seen so far
    /// now, and each host first seen later when it is. A host the index no longer covers goes back to inference.
    /// Which traffic host a spec covers is <see cref="SpecIndex"/>'s rule alone, so the template a call is keyed
    /// under and the operation it is checked against come from the same specs.
    /// </summary>
    public void UseSpecs(SpecIndex? specs)
    {
        _specs = specs;
        foreach (var (host, state) in _hosts)
        {
            state.Spec = SpecTemplatesOf(host);
        }
    }

    private SpecTemplateSet? SpecTemplatesOf(string host)
    {
        if (_specs is null)
        {
            return null;
        }

        var spec = new SpecTemplateSet(_specs.TemplatesFor(host));
        return spec.Count > 0 ? spec : null;
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
        if (!_hosts.TryGetValue(host, out var state) && _specs?.Covers(host) == true)
        {
            // Never observed, but a spec describes it: its templates apply as they would after a first call.
            state = HostFor(host);
        }
        return Resolve(state, pathOrTemplate);
    }

    /// <summary>
    /// The templating state of a host, created on first use, for callers that look a host up once and then
    /// <see cref="ObserveAndResolve"/> many calls of it. Hosts are never removed, so the handle stays valid.
    /// </summary>
    internal HostTemplater HostState(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        return HostFor(host);
    }

    /// <summary>
    /// <see cref="Observe"/> then <see cref="Resolve"/> of one call's path, with the same result, in one walk where
    /// the compiled trie holds the path (the common case once a host has compiled). <paramref name="stable"/> says
    /// whether the template object is the one every later call of this path gets until the host recompiles
    /// (<see cref="HostTemplater.Compiled"/> changes): true for a compiled node's template and a cached unobserved
    /// one, so a caller may key a derived cache by reference on it.
    /// </summary>
    internal PathTemplate ObserveAndResolve(HostTemplater state, string path, ApiCall? evidence, out bool stable)
    {
        stable = false;
        if (state.Spec is not null)
        {
            // The spec is matched before the trie, on whole segments: the two-pass path.
            state.Observe(path, evidence);
            return Resolve(state, path);
        }

        var before = state.Compiled;
        var matched = state.ObserveAndMatch(path, evidence, before);
        // The observation may have made the trie due for recompiling; then the new trie decides, as Resolve would.
        if (!ReferenceEquals(state.Templates(), before) || before is null)
        {
            return Resolve(state, path);
        }

        if (matched is not null)
        {
            stable = true;
            return matched.Template;
        }

        // A path newer than the compilation: built from value classes, which allocates (856 B/call at 5,000
        // endpoints in bench/CatalogThroughput when rebuilt per call), so kept until the host recompiles.
        if (state.Unobserved.TryGet(before, path, out var cached))
        {
            stable = true;
            return cached;
        }

        var built = Resolve(state, path);
        stable = state.Unobserved.TryAdd(before, path, built, _unobservedBudget);
        return built;
    }

    private PathTemplate Resolve(HostTemplater? state, string pathOrTemplate)
    {
        Span<Range> buffer = stackalloc Range[PathSegments.StackCapacity];
        int count = PathSegments.Split(pathOrTemplate, buffer);
        ReadOnlySpan<Range> segments = count >= 0 ? buffer[..count] : PathSegments.SplitToArray(pathOrTemplate);

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
            else if (node.Parameter is not null && BelongsToParameter(node, segment, _options))
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

    /// <summary>
    /// One part of a path down the compiled trie, as <see cref="Resolve"/> takes it: the literal child, else the
    /// parameter child when the part belongs to it, else null. <paramref name="classified"/> is the part's value class
    /// when the caller has it from <see cref="SegmentClassifier.Classify"/> already (which it asks only of parts that
    /// are neither protected versions nor the redaction marker, so the version test below cannot apply).
    /// </summary>
    internal static TemplateNode? Step(TemplateNode node, ReadOnlySpan<char> part, ValueClass? classified, TemplatingOptions options)
    {
        if (node.TryGetLiteral(part, out var literal))
        {
            return literal;
        }

        if (node.Parameter is null)
        {
            return null;
        }

        bool belongs = classified is { } known
            ? PathSegments.IsPlaceholder(part) || node.ParameterTakesWords || known != ValueClass.None
            : BelongsToParameter(node, part, options);
        return belongs ? node.Parameter : null;
    }

    private static bool BelongsToParameter(TemplateNode node, ReadOnlySpan<char> segment, TemplatingOptions options)
    {
        if (PathSegments.IsPlaceholder(segment))
        {
            return true;
        }

        if (!options.VersionSegmentsMayBeParameters && !node.ParameterTakesVersions && SegmentClassifier.IsVersion(segment))
        {
            return false;
        }

        return node.ParameterTakesWords || SegmentClassifier.Classify(segment) != ValueClass.None;
    }

    private HostTemplater HostFor(string host)
    {
        if (!_hosts.TryGetValue(host, out var state))
        {
            // Hosts appear lazily (a first call, a state import), specs at any time: a new host asks the index now.
            state = new HostTemplater(_options, _compiler) { Spec = SpecTemplatesOf(host) };
            _hosts.Add(host, state);
        }

        return state;
    }
}
