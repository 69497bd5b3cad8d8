using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Contract;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Templating;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The runtime API catalog: ingests calls, groups them by (host, method, path template) and, on
/// <see cref="Build"/>, settles templates with all the evidence seen (re-keying and merging endpoints whose
/// templates converged), compares each endpoint with the published specs, attaches behavioural findings and
/// weak access patterns, and scores risk. Memory grows with endpoints, not calls.
/// <para>
/// Threading model: one owner. <see cref="Ingest"/>, <see cref="SetSpec"/>, <see cref="RemoveSpec"/> and
/// <see cref="Build"/> must be called from one thread at a time (the owner's); the catalog takes no locks, so its
/// per-call path costs nothing for threads it does not have. Every other thread reads <see cref="CatalogSnapshot"/>s:
/// a snapshot is immutable — copied from the live aggregates at build time — so it can be serialised, diffed and
/// served while the owner goes on ingesting. <see cref="CatalogOwner"/> is that owner for a service: one task
/// draining a bounded queue of calls and commands, publishing each snapshot through a reference readers take
/// without locks.
/// </para>
/// <para>
/// Identities: an endpoint's resource name (<see cref="EndpointSnapshot.Identity"/>) is a function of its key alone,
/// so it is the same in every build, process and run while the template is; when a build re-keys or merges
/// endpoints, <see cref="CatalogSnapshot.Renames"/> lists which names of the previous build now live under which.
/// </para>
/// </summary>
public sealed partial class ApiCatalog
{
    private readonly CatalogOptions _options;
    private SpecIndex? _specs;
    private readonly PathTemplater _templater;
    private readonly FindingDetector _findings;
    private readonly ExposureClassifier _exposure;
    private readonly ConformanceChecker _conformance = new();
    private readonly CatalogBounds _bounds;
    private readonly Dictionary<EndpointKey, ApiEndpoint> _endpoints = new();

    // Every key a call was ever filed under → the key it lives under now, across all builds: findings keep the
    // keys of the calls they saw, and a second Build() must still find their endpoints.
    private readonly Dictionary<EndpointKey, EndpointKey> _renamed = new();

    // Keys the previous build listed, so the next can say which of them it lists under another key.
    private HashSet<EndpointKey> _published = [];
    private long _generation;

    // Per-call handles on the admitted hosts (derived from the bounds and the templater, never state).
    private readonly Dictionary<string, IngestHost> _ingestHosts = new(StringComparer.Ordinal);
    private IngestHost? _lastHost;

    public ApiCatalog(CatalogOptions options, SpecIndex? specs = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxHosts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMethodsPerHost, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEndpoints, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TokenProliferationThreshold, 1);
        // Distinct credentials are counted up to this cap: a higher threshold could never be reached.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.TokenProliferationThreshold, ApiEndpoint.MaxTrackedCredentials);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ClientsTrackedPerEndpoint, 1);
        _options = options;
        _bounds = new CatalogBounds(options, Counters);
        _templater = new PathTemplater(options.Templating);
        _findings = new FindingDetector(options.Findings, options.TimeProvider);
        _exposure = new ExposureClassifier(options.ClusterCidrs);
        _configuredSpecs = specs?.Bindings ?? [];
        UseSpecs(specs);
    }

    public CatalogCounters Counters { get; } = new();

    public int EndpointCount => _endpoints.Count;

    /// <summary>
    /// Adds one call. A call missing a required part is refused with an <see cref="ArgumentException"/> before anything
    /// changes, so a refused call is never half counted (the owner counts it as rejected and goes on).
    /// </summary>
    public void Ingest(ApiCall call)
    {
        CallCheck.ThrowIfIncomplete(call);
        Counters.Calls++;
        var endpoint = EndpointOf(call);
        var exposure = _exposure.Classify(call.ClientAddress);
        Counters.CallsWithoutClient += exposure == ClientExposure.Unknown ? 1 : 0;
        Counters.InvalidStatusCalls += call.Status is { } status && !CallShape.IsStatusCode(status) ? 1 : 0;
        endpoint.Add(call, exposure);
        _findings.Observe(call, endpoint.Key);
    }

    /// <summary>An overflow bucket's path: not a template, nothing to resolve.</summary>
    private static readonly PathTemplate OverflowTemplate = new(CatalogOverflow.Name, [], "overflow", 0);

    /// <summary>
    /// The endpoint a call belongs to, within the host, method and endpoint bounds. A call to an overflowed host keeps
    /// its method but not its path: templating paths of arbitrarily many hosts under one name would mean nothing.
    /// Per call: one host lookup, one walk of the path (observe and resolve together), and the endpoint by the
    /// template's reference (<see cref="IngestHost"/>); the endpoint map is hashed only the first time a
    /// (template, method) is met in a compilation.
    /// </summary>
    private ApiEndpoint EndpointOf(ApiCall call)
    {
        var host = IngestHostOf(call.Host);
        if (host is null)
        {
            return EndpointFor(new EndpointKey(CatalogOverflow.Name, _bounds.Method(CatalogOverflow.Name, call.Method), CatalogOverflow.Name), OverflowTemplate);
        }
        var template = _templater.ObserveAndResolve(host.Templater, call.Path, call, out var stable);
        if (stable && host.TryGetEndpoint(template, call.Method, out var known))
        {
            return known;
        }
        var method = _bounds.Method(host.Name, call.Method);
        var key = new EndpointKey(host.Name, method, template.Template);
        var endpoint = EndpointFor(key, template);
        // Only a call filed under its own method and template: an overflow bucket's calls are counted one by one.
        if (stable && ReferenceEquals(method, call.Method) && endpoint.Key == key)
        {
            host.Remember(template, endpoint);
        }
        return endpoint;
    }

    /// <summary>The endpoint under <paramref name="key"/>, created within the endpoint bound (else the catch-all, counted).</summary>
    private ApiEndpoint EndpointFor(EndpointKey key, PathTemplate template)
    {
        if (_endpoints.TryGetValue(key, out var endpoint))
        {
            return endpoint;
        }
        if (!_bounds.AdmitEndpoint(_endpoints.Count))
        {
            (key, template) = (CatalogOverflow.CatchAll, OverflowTemplate);
            if (_endpoints.TryGetValue(key, out endpoint))
            {
                return endpoint;
            }
        }
        _endpoints[key] = endpoint = new ApiEndpoint(key, template, _options.ClientsTrackedPerEndpoint);
        return endpoint;
    }

    /// <summary>
    /// The admitted host a call goes to, or null for the overflow host. Calls to one API come in runs, so the last
    /// host is compared first; admitted hosts are never displaced, so a handle once made stays valid.
    /// </summary>
    private IngestHost? IngestHostOf(string name)
    {
        if (_lastHost is { } last && (ReferenceEquals(last.Name, name) || string.Equals(last.Name, name, StringComparison.Ordinal)))
        {
            return last;
        }
        if (!_ingestHosts.TryGetValue(name, out var host))
        {
            var admitted = _bounds.Host(name);
            if (ReferenceEquals(admitted, CatalogOverflow.Name))
            {
                // Not cached: the bounds count every call to an overflowed host.
                return null;
            }
            host = new IngestHost(admitted, _templater.HostState(admitted));
            _ingestHosts.Add(admitted, host);
        }
        _lastHost = host;
        return host;
    }

    /// <summary>Endpoints may be under other keys now (a re-key, a spec change): every host's endpoint table goes.</summary>
    private void ForgetEndpointHandles()
    {
        foreach (var host in _ingestHosts.Values)
        {
            host.ForgetEndpoints();
        }
    }

    /// <summary>
    /// Settles templates and computes conformance, findings, access issues and risk, then copies every endpoint
    /// into an immutable snapshot. Can be called repeatedly; each call's snapshot is independent of later ingest.
    /// </summary>
    public CatalogSnapshot Build()
    {
        _templater.Refresh();
        var renamed = Rekey();
        foreach (var old in _renamed.Keys.ToList())
        {
            if (renamed.TryGetValue(_renamed[old], out var newer))
            {
                _renamed[old] = newer;
            }
        }
        foreach (var (old, now) in renamed)
        {
            _renamed[old] = now;
        }
        _findings.ExpireIdleSources();
        var findings = _findings.Findings().Select(f => Renamed(f, _renamed)).ToList();
        var used = new HashSet<SpecOperation>(ReferenceEqualityComparer.Instance);
        // A path the spec documents is an endpoint even when every call got 404 (an enumeration of missing ids).
        var probes = _endpoints.Values.Where(e => IsProbe(e) && !e.IsOverflow && _specs?.Match(e.Key.Host, e.Key.Method, e.Key.PathTemplate) is null).ToHashSet();
        // Likewise a documented operation that answers with images or HTML (a badge, an avatar, an OAuth page) is an
        // API endpoint: 6 of 5,411 operations in bench/run-accuracy.sh's full-spec run vanished into static assets.
        var assets = _endpoints.Values.Where(e => e.IsStaticAsset && !probes.Contains(e) && _specs?.Match(e.Key.Host, e.Key.Method, e.Key.PathTemplate) is null).ToHashSet();
        // Content findings first, in endpoint order, so they are named by their asset like behavioural ones.
        foreach (var asset in assets.OrderBy(e => e.Key, EndpointOrder.Instance))
        {
            if (StaticAssetSecrets.For(asset.Key, asset.FirstSeenMicros, asset.LastSeenMicros, asset.Sensitive) is { } secret)
            {
                findings.Add(secret);
            }
        }
        var findingsByEndpoint = FindingsByEndpoint(findings);
        var endpoints = new List<EndpointSnapshot>(_endpoints.Count);
        var staticAssets = new List<EndpointSnapshot>(assets.Count);
        var probed = new List<EndpointSnapshot>(probes.Count);
        foreach (var endpoint in _endpoints.Values)
        {
            var asset = assets.Contains(endpoint);
            var (state, operationId, violations) =
                probes.Contains(endpoint) ? (SpecStates.NotFound, null, [])
                // A bucket of many endpoints matches no operation; an asset is not an API operation.
                : endpoint.IsOverflow || asset ? (SpecStates.NoSpec, null, [])
                : Compare(endpoint, used);
            IReadOnlyList<Finding> named = findingsByEndpoint.TryGetValue(endpoint.Key, out var list) ? list : [];
            var inputs = RiskInputsOf(endpoint, asset, state, violations.Count, named);
            var issues = AccessAnalysis.Analyse(inputs);
            var risk = RiskModel.Assess(inputs, _options.RiskWeights);
            var snapshot = new EndpointSnapshot(endpoint, new EndpointVerdict(state, operationId, violations, named, issues, risk));
            (probes.Contains(endpoint) ? probed : asset ? staticAssets : endpoints).Add(snapshot);
        }
        var unused = _specs is null
            ? []
            : _specs.AllOperations.Where(o => !used.Contains(o.Operation))
                .OrderBy(o => o.Host, StringComparer.Ordinal).ThenBy(o => o.Operation.PathTemplate, StringComparer.Ordinal)
                .ThenBy(o => o.Operation.Method, StringComparer.Ordinal).ToList();
        Counters.TemplaterTruncatedCalls = _templater.TruncatedCalls;
        probed.Sort(static (x, y) => EndpointOrder.Instance.Compare(x.Key, y.Key));
        var renames = RenamesSincePublished();
        _published = _endpoints.Keys.ToHashSet();
        var totals = CatalogTotals.Of(Counters, _findings.Counters) with { UsageCallsDropped = UsageCallsDropped };
        return new CatalogSnapshot(++_generation, Ranked(endpoints), probed, Ranked(staticAssets), findings, unused, renames, totals);
    }

    /// <summary>Highest risk first, then host, path and method, so equal scores list the same way every run.</summary>
    private static List<EndpointSnapshot> Ranked(IEnumerable<EndpointSnapshot> endpoints) =>
        endpoints.OrderByDescending(e => e.Risk.Score)
            .ThenBy(e => e.Key.Host, StringComparer.Ordinal)
            .ThenBy(e => e.Key.PathTemplate, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The keys the previous build listed that this one lists under another key, with where each went. The survivor
    /// of a merge is the key both templates resolve to now — a function of the evidence, not of which endpoint
    /// was first — so the renames are the same whatever order the calls came in.
    /// </summary>
    private List<EndpointRename> RenamesSincePublished()
    {
        var renames = new List<EndpointRename>();
        foreach (var old in _published.Order(EndpointOrder.Instance))
        {
            if (!_endpoints.ContainsKey(old) && _renamed.TryGetValue(old, out var now) && now != old && _endpoints.ContainsKey(now))
            {
                renames.Add(new EndpointRename(old, EndpointIdentity.Of(old), now, EndpointIdentity.Of(now)));
            }
        }
        return renames;
    }

    /// <summary>
    /// Re-resolves every endpoint's template with all evidence seen so far; endpoints whose templates became the
    /// same are merged. Returns old key → new key for the keys that changed.
    /// </summary>
    private Dictionary<EndpointKey, EndpointKey> Rekey()
    {
        var renamed = new Dictionary<EndpointKey, EndpointKey>();
        ForgetEndpointHandles();
        // Deterministic order, so merges happen the same way whatever the arrival order was.
        var current = _endpoints.Values.OrderBy(e => e.Key.Host, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Method, StringComparer.Ordinal).ThenBy(e => e.Key.PathTemplate, StringComparer.Ordinal).ToList();
        _endpoints.Clear();
        foreach (var endpoint in current)
        {
            if (endpoint.Key.PathTemplate == CatalogOverflow.Name)
            {
                _endpoints[endpoint.Key] = endpoint;
                continue;
            }
            var template = _templater.Resolve(endpoint.Key.Host, endpoint.Key.PathTemplate);
            var key = endpoint.Key with { PathTemplate = template.Template };
            if (key != endpoint.Key)
            {
                renamed[endpoint.Key] = key;
            }
            if (_endpoints.TryGetValue(key, out var existing))
            {
                existing.MergeFrom(endpoint);
                Counters.EndpointsMerged++;
                continue;
            }
            endpoint.Key = key;
            endpoint.Template = template;
            _endpoints[key] = endpoint;
        }
        return renamed;
    }

    /// <summary>
    /// Findings by the endpoints they name, built once per build: looking each endpoint up in every finding's list
    /// was endpoints × findings × endpoints-per-finding, and 10 k scanner findings over many endpoints did not
    /// finish in 5 minutes. Each list keeps the findings' order.
    /// </summary>
    private static Dictionary<EndpointKey, List<Finding>> FindingsByEndpoint(List<Finding> findings)
    {
        var index = new Dictionary<EndpointKey, List<Finding>>();
        foreach (var finding in findings)
        {
            foreach (var key in finding.Endpoints)
            {
                if (!index.TryGetValue(key, out var list))
                {
                    index[key] = list = [];
                }
                if (list.Count == 0 || !ReferenceEquals(list[^1], finding))
                {
                    list.Add(finding);
                }
            }
        }
        return index;
    }

    /// <summary>Every response was 404: the server has no such route, whatever the client hoped.</summary>
    private static bool IsProbe(ApiEndpoint endpoint) =>
        endpoint.StatusCodes.Count == 1 && endpoint.StatusCodes.ContainsKey(404) && endpoint.NoResponse == 0;

    private static Finding Renamed(Finding finding, Dictionary<EndpointKey, EndpointKey> renamed) =>
        renamed.Count == 0 || !finding.Endpoints.Any(renamed.ContainsKey)
            ? finding
            : finding with { Endpoints = finding.Endpoints.Select(k => renamed.GetValueOrDefault(k, k)).Distinct().ToList() };

    private (string State, string? OperationId, IReadOnlyList<ConformanceViolation> Violations) Compare(ApiEndpoint endpoint, HashSet<SpecOperation> used)
    {
        var key = endpoint.Key;
        var operation = _specs?.Match(key.Host, key.Method, key.PathTemplate);
        if (operation is null)
        {
            return (_specs?.Covers(key.Host) == true ? SpecStates.Shadow : SpecStates.NoSpec, null, []);
        }
        used.Add(operation);
        var violations = _conformance.Check(operation, endpoint.Shape());
        return (operation.Deprecated ? SpecStates.Zombie : violations.Count > 0 ? SpecStates.NonConformant : SpecStates.Conformant, operation.OperationId, violations);
    }

    private RiskInputs RiskInputsOf(ApiEndpoint e, bool staticAsset, string specState, int violations, IReadOnlyList<Finding> findings) => new(
        e.Requests,
        e.AuthKinds,
        e.JwtAlgorithms,
        e.AuthLocations.Where(l => l.StartsWith("query:", StringComparison.Ordinal)).ToList(),
        e.DistinctCredentials,
        e.Sensitive.Select(kv => new SensitiveExposure(kv.Key.Type, kv.Key.Location, kv.Value,
            e.SensitiveOccurrences(kv.Key.Type, kv.Key.Location))).ToList(),
        Plaintext: e.PlaintextCalls > 0,
        e.ExternalClientCalls,
        e.InternalClientCalls,
        specState,
        violations,
        findings)
    {
        DistinctCredentialsCapped = e.DistinctCredentialsCapped,
        BasicOverPlaintextCalls = e.BasicOverPlaintextCalls,
        TlsCalls = e.TlsCalls,
        UnknownTransportCalls = e.UnknownTransportCalls,
        TokenProliferationThreshold = _options.TokenProliferationThreshold,
        UnknownClientCalls = e.UnknownClientCalls,
        Method = e.Key.Method == CatalogOverflow.Name ? null : e.Key.Method,
        StaticAsset = staticAsset,
    };
}
