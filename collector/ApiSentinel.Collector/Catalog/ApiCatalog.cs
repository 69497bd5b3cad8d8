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
/// weak access patterns, and scores risk. Single-threaded; memory grows with endpoints, not calls.
/// </summary>
public sealed class ApiCatalog
{
    private readonly CatalogOptions _options;
    private readonly SpecIndex? _specs;
    private readonly PathTemplater _templater;
    private readonly FindingDetector _findings;
    private readonly ExposureClassifier _exposure;
    private readonly ConformanceChecker _conformance = new();
    private readonly CatalogBounds _bounds;
    private readonly Dictionary<EndpointKey, ApiEndpoint> _endpoints = new();

    // Every key a call was ever filed under → the key it lives under now, across all builds: findings keep the
    // keys of the calls they saw, and a second Build() must still find their endpoints.
    private readonly Dictionary<EndpointKey, EndpointKey> _renamed = new();

    public ApiCatalog(CatalogOptions options, SpecIndex? specs = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxHosts, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxMethodsPerHost, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxEndpoints, 1);
        _options = options;
        _specs = specs;
        _bounds = new CatalogBounds(options, Counters);
        _templater = new PathTemplater(options.Templating);
        _findings = new FindingDetector(options.Findings);
        _exposure = new ExposureClassifier(options.ClusterCidrs);
        if (specs is not null)
        {
            // Where a spec describes a host, its templates win over inference.
            foreach (var host in specs.AllOperations.Select(o => o.Host).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                _templater.UseSpecTemplates(host, specs.TemplatesFor(host));
            }
        }
    }

    public CatalogCounters Counters { get; } = new();

    public int EndpointCount => _endpoints.Count;

    public void Ingest(ApiCall call)
    {
        Counters.Calls++;
        var key = KeyOf(call, out var template);
        if (!_endpoints.TryGetValue(key, out var endpoint))
        {
            if (!_bounds.AdmitEndpoint(_endpoints.Count))
            {
                (key, template) = (CatalogOverflow.CatchAll, OverflowTemplate);
                endpoint = _endpoints.GetValueOrDefault(key);
            }
            if (endpoint is null)
            {
                _endpoints[key] = endpoint = new ApiEndpoint(key, template, _options.ClientsTrackedPerEndpoint);
            }
        }
        var exposure = _exposure.Classify(call.ClientAddress);
        Counters.CallsWithoutClient += exposure == ClientExposure.Unknown ? 1 : 0;
        endpoint.Add(call, exposure);
        _findings.Observe(call, key);
    }

    /// <summary>An overflow bucket's path: not a template, nothing to resolve.</summary>
    private static readonly PathTemplate OverflowTemplate = new(CatalogOverflow.Name, [], "overflow", 0);

    /// <summary>
    /// The endpoint a call belongs to, within the host and method bounds. A call to an overflowed host keeps its
    /// method but not its path: templating paths of arbitrarily many hosts under one name would mean nothing.
    /// </summary>
    private EndpointKey KeyOf(ApiCall call, out PathTemplate template)
    {
        var host = _bounds.Host(call.Host);
        var method = _bounds.Method(host, call.Method);
        if (ReferenceEquals(host, CatalogOverflow.Name))
        {
            template = OverflowTemplate;
            return new EndpointKey(host, method, CatalogOverflow.Name);
        }
        _templater.Observe(host, call.Path, call);
        template = _templater.Resolve(host, call.Path);
        return new EndpointKey(host, method, template.Template);
    }

    /// <summary>Settles templates and computes conformance, findings, access issues and risk. Can be called repeatedly.</summary>
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
        var findings = _findings.Findings().Select(f => Renamed(f, _renamed)).ToList();
        var used = new HashSet<SpecOperation>(ReferenceEqualityComparer.Instance);
        // A path the spec documents is an endpoint even when every call got 404 (an enumeration of missing ids).
        var probes = _endpoints.Values.Where(e => IsProbe(e) && !e.IsOverflow && _specs?.Match(e.Key.Host, e.Key.Method, e.Key.PathTemplate) is null).ToHashSet();
        var assets = _endpoints.Values.Where(e => e.IsStaticAsset && !probes.Contains(e)).ToHashSet();
        // Content findings first, in endpoint order, so they are named by their asset like behavioural ones.
        foreach (var asset in assets.OrderBy(e => e.Key, EndpointOrder.Instance))
        {
            if (StaticAssetSecrets.For(asset) is { } secret)
            {
                findings.Add(secret);
            }
        }
        var findingsByEndpoint = FindingsByEndpoint(findings);
        foreach (var endpoint in _endpoints.Values)
        {
            if (probes.Contains(endpoint))
            {
                endpoint.SpecState = "not-found";
            }
            else if (endpoint.IsOverflow || assets.Contains(endpoint))
            {
                // A bucket of many endpoints matches no operation; an asset is not an API operation.
                endpoint.SpecState = "no-spec";
                endpoint.Violations = [];
                endpoint.OperationId = null;
            }
            else
            {
                Compare(endpoint, used);
            }
            endpoint.Findings = findingsByEndpoint.TryGetValue(endpoint.Key, out var named) ? named : [];
            endpoint.AccessIssues = assets.Contains(endpoint) ? [] : AccessAnalysis.Analyse(endpoint, _options.TokenProliferationThreshold);
            endpoint.Risk = RiskModel.Assess(RiskInputsOf(endpoint, assets.Contains(endpoint)), _options.RiskWeights);
        }
        var endpoints = Ranked(_endpoints.Values.Where(e => !probes.Contains(e) && !assets.Contains(e)));
        var staticAssets = Ranked(assets);
        var unused = _specs is null
            ? []
            : _specs.AllOperations.Where(o => !used.Contains(o.Operation))
                .OrderBy(o => o.Host, StringComparer.Ordinal).ThenBy(o => o.Operation.PathTemplate, StringComparer.Ordinal)
                .ThenBy(o => o.Operation.Method, StringComparer.Ordinal).ToList();
        Counters.TemplaterTruncatedCalls = _templater.TruncatedCalls;
        var probed = probes.OrderBy(e => e.Key.Host, StringComparer.Ordinal).ThenBy(e => e.Key.PathTemplate, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Method, StringComparer.Ordinal).ToList();
        return new CatalogSnapshot(endpoints, probed, findings, unused, Counters) { StaticAssets = staticAssets };
    }

    /// <summary>Highest risk first, then host, path and method, so equal scores list the same way every run.</summary>
    private static List<ApiEndpoint> Ranked(IEnumerable<ApiEndpoint> endpoints) =>
        endpoints.OrderByDescending(e => e.Risk!.Score)
            .ThenBy(e => e.Key.Host, StringComparer.Ordinal)
            .ThenBy(e => e.Key.PathTemplate, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Method, StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// Re-resolves every endpoint's template with all evidence seen so far; endpoints whose templates became the
    /// same are merged. Returns old key → new key for the keys that changed.
    /// </summary>
    private Dictionary<EndpointKey, EndpointKey> Rekey()
    {
        var renamed = new Dictionary<EndpointKey, EndpointKey>();
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

    private void Compare(ApiEndpoint endpoint, HashSet<SpecOperation> used)
    {
        var key = endpoint.Key;
        var operation = _specs?.Match(key.Host, key.Method, key.PathTemplate);
        if (operation is null)
        {
            endpoint.SpecState = _specs?.Covers(key.Host) == true ? "shadow" : "no-spec";
            endpoint.Violations = [];
            endpoint.OperationId = null;
            return;
        }
        used.Add(operation);
        endpoint.OperationId = operation.OperationId;
        endpoint.Violations = _conformance.Check(operation, endpoint.Shape());
        endpoint.SpecState = operation.Deprecated ? "zombie" : endpoint.Violations.Count > 0 ? "non-conformant" : "conformant";
    }

    private static RiskInputs RiskInputsOf(ApiEndpoint e, bool staticAsset) => new(
        e.Requests,
        e.AuthKinds,
        e.JwtAlgorithms,
        e.AuthLocations.Any(l => l.StartsWith("query:", StringComparison.Ordinal)),
        e.DistinctCredentials,
        e.Sensitive.Select(kv => new SensitiveExposure(kv.Key.Type, kv.Key.Location, kv.Value,
            e.SensitiveOccurrences(kv.Key.Type, kv.Key.Location))).ToList(),
        Plaintext: true,
        e.ExternalClientCalls,
        e.InternalClientCalls,
        e.SpecState,
        e.Violations.Count,
        e.Findings)
    {
        UnknownClientCalls = e.UnknownClientCalls,
        Method = e.Key.Method == CatalogOverflow.Name ? null : e.Key.Method,
        StaticAsset = staticAsset,
    };
}
