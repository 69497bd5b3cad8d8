using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Model;
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
    private readonly Dictionary<EndpointKey, ApiEndpoint> _endpoints = new();

    // Every key a call was ever filed under → the key it lives under now, across all builds: findings keep the
    // keys of the calls they saw, and a second Build() must still find their endpoints.
    private readonly Dictionary<EndpointKey, EndpointKey> _renamed = new();

    public ApiCatalog(CatalogOptions options, SpecIndex? specs = null)
    {
        _options = options;
        _specs = specs;
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
        _templater.Observe(call.Host, call.Path);
        var template = _templater.Resolve(call.Host, call.Path);
        var key = new EndpointKey(call.Host, call.Method, template.Template);
        if (!_endpoints.TryGetValue(key, out var endpoint))
        {
            _endpoints[key] = endpoint = new ApiEndpoint(key, template, _options.ClientsTrackedPerEndpoint);
        }
        endpoint.Add(call, _exposure.IsInternal(call.ClientAddress));
        _findings.Observe(call, key);
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
        var probes = _endpoints.Values.Where(e => IsProbe(e) && _specs?.Match(e.Key.Host, e.Key.Method, e.Key.PathTemplate) is null).ToHashSet();
        foreach (var endpoint in _endpoints.Values)
        {
            if (probes.Contains(endpoint))
            {
                endpoint.SpecState = "not-found";
            }
            else
            {
                Compare(endpoint, used);
            }
            endpoint.Findings = findings.Where(f => f.Endpoints.Contains(endpoint.Key)).ToList();
            endpoint.AccessIssues = AccessAnalysis.Analyse(endpoint, _options.TokenProliferationThreshold);
            endpoint.Risk = RiskModel.Assess(RiskInputsOf(endpoint), _options.RiskWeights);
        }
        var endpoints = _endpoints.Values.Where(e => !probes.Contains(e))
            .OrderByDescending(e => e.Risk!.Score)
            .ThenBy(e => e.Key.Host, StringComparer.Ordinal)
            .ThenBy(e => e.Key.PathTemplate, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Method, StringComparer.Ordinal)
            .ToList();
        var unused = _specs is null
            ? []
            : _specs.AllOperations.Where(o => !used.Contains(o.Operation))
                .OrderBy(o => o.Host, StringComparer.Ordinal).ThenBy(o => o.Operation.PathTemplate, StringComparer.Ordinal)
                .ThenBy(o => o.Operation.Method, StringComparer.Ordinal).ToList();
        Counters.TemplaterTruncatedCalls = _templater.TruncatedCalls;
        var probed = probes.OrderBy(e => e.Key.Host, StringComparer.Ordinal).ThenBy(e => e.Key.PathTemplate, StringComparer.Ordinal)
            .ThenBy(e => e.Key.Method, StringComparer.Ordinal).ToList();
        return new CatalogSnapshot(endpoints, probed, findings, unused, Counters);
    }

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

    private static RiskInputs RiskInputsOf(ApiEndpoint e) => new(
        e.Requests,
        e.AuthKinds,
        e.JwtAlgorithms,
        e.AuthLocations.Any(l => l.StartsWith("query:", StringComparison.Ordinal)),
        e.DistinctCredentials,
        e.Sensitive.Keys.ToList(),
        Plaintext: true,
        e.ExternalClientCalls,
        e.InternalClientCalls,
        e.SpecState,
        e.Violations.Count,
        e.Findings);
}
