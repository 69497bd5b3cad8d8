using ApiSentinel.Contract;
using ApiSentinel.Collector.Endpoints;
using System.Collections.Immutable;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Templating;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// One endpoint as one <see cref="ApiCatalog.Build"/> saw it: its aggregate copied into frozen collections, and what
/// the build concluded (spec state, findings, access issues, risk). Nothing in it changes after the build returns —
/// ingest goes on updating the live aggregate, never this — so it can be serialised, diffed and served from any
/// thread. <see cref="Identity"/> names its resource; <see cref="ChangeMarker"/> changes exactly when its content does.
/// </summary>
/// <remarks>
/// Records it refers to (<see cref="PathTemplate"/>, <see cref="Finding"/>, <see cref="RiskAssessment"/>,
/// <see cref="ConformanceViolation"/>) are built once by their producers and never mutated afterwards; every
/// collection the live aggregate updates is copied.
/// </remarks>
public sealed class EndpointSnapshot
{
    private readonly CountTable<(string Type, string Location)> _sensitiveOccurrences;
    private readonly ImmutableSortedDictionary<(string Type, string Location), ImmutableSortedSet<string>> _maskedSamples;

    internal EndpointSnapshot(ApiEndpoint e, EndpointVerdict verdict)
    {
        Key = e.Key;
        Identity = EndpointIdentity.Of(e.Key);
        Template = e.Template;
        Requests = e.Requests;
        StatusCodes = CountTable<int>.Of(e.StatusCodes, SnapshotOrder.Number);
        NoResponse = e.NoResponse;
        FirstSeenMicros = e.FirstSeenMicros;
        LastSeenMicros = e.LastSeenMicros;
        Clients = ClientCounts.Of(e.Clients);
        InternalClientCalls = e.InternalClientCalls;
        ExternalClientCalls = e.ExternalClientCalls;
        UnknownClientCalls = e.UnknownClientCalls;
        Exposure = e.Exposure;
        Servers = Frozen(e.Servers);
        AuthKinds = CountTable<string>.Of(e.AuthKinds, SnapshotOrder.Text);
        AuthLocations = Frozen(e.AuthLocations);
        JwtAlgorithms = Frozen(e.JwtAlgorithms);
        DistinctCredentials = e.DistinctCredentials;
        DistinctCredentialsCapped = e.DistinctCredentialsCapped;
        Sensitive = CountTable<(string Type, string Location)>.Of(e.Sensitive, SnapshotOrder.Place);
        _sensitiveOccurrences = CountTable<(string Type, string Location)>.Of(
            Sensitive.Keys.Select(k => KeyValuePair.Create(k, e.SensitiveOccurrences(k.Type, k.Location))), SnapshotOrder.Place);
        _maskedSamples = Sensitive.Keys
            .Select(k => (Key: k, Samples: e.MaskedSamplesOf(k)))
            .Where(s => s.Samples.Count > 0)
            .ToImmutableSortedDictionary(s => s.Key, s => s.Samples.ToImmutableSortedSet(StringComparer.Ordinal), SnapshotOrder.Place);
        AssetResponses = e.AssetResponses;
        ApiResponses = e.ApiResponses;
        DefiniteApiResponses = e.DefiniteApiResponses;
        IsStaticAsset = e.IsStaticAsset;
        Query = FieldKinds.Of(e.Query);
        RequestFields = FieldKinds.Of(e.RequestFields);
        ResponseFields = FieldKinds.Of(e.ResponseFields);
        RequestHeaders = CountTable<string>.Of(e.RequestHeaders, SnapshotOrder.Text);
        ResponseHeaders = CountTable<string>.Of(e.ResponseHeaders, SnapshotOrder.Text);
        RequestContentTypes = CountTable<string>.Of(e.RequestContentTypes, SnapshotOrder.Text);
        ResponseContentTypes = CountTable<string>.Of(e.ResponseContentTypes, SnapshotOrder.Text);
        ClientTools = Frozen(e.ClientTools);
        TotalDurationMicros = e.TotalDurationMicros;
        TimedCalls = e.TimedCalls;
        DroppedValues = e.DroppedValues;
        PlaintextCalls = e.PlaintextCalls;
        TlsCalls = e.TlsCalls;
        UnknownTransportCalls = e.UnknownTransportCalls;
        BasicOverPlaintextCalls = e.BasicOverPlaintextCalls;
        Namespaces = Frozen(e.Namespaces);
        Workloads = Frozen(e.Workloads);
        SpecState = verdict.SpecState;
        OperationId = verdict.OperationId;
        Violations = verdict.Violations.ToImmutableArray();
        Findings = verdict.Findings.ToImmutableArray();
        AccessIssues = verdict.AccessIssues.ToImmutableArray();
        Risk = verdict.Risk;
        ChangeMarker = EndpointContentHash.Of(this);
    }

    public EndpointKey Key { get; }

    /// <summary>The endpoint's resource name (<see cref="EndpointIdentity"/>): DNS-1123, at most 63 characters.</summary>
    public string Identity { get; }

    /// <summary>
    /// A hash of everything in this snapshot (<see cref="EndpointContentHash"/>), 16 hex digits: equal across builds,
    /// processes and runs while the endpoint's content is the same, different once anything in it changed — one more
    /// call included. Sinks write only the endpoints whose marker moved.
    /// </summary>
    public string ChangeMarker { get; }

    /// <summary>How the path template was decided (reason, confidence, parameters).</summary>
    public PathTemplate Template { get; }

    public long Requests { get; }

    /// <summary>Calls by status code, in code order; calls with no response are counted in <see cref="NoResponse"/>.</summary>
    public CountTable<int> StatusCodes { get; }

    public long NoResponse { get; }

    public long FirstSeenMicros { get; }

    public long LastSeenMicros { get; }

    /// <summary>The most frequent clients (calls without a client address are not in it).</summary>
    public ClientCounts Clients { get; }

    public long InternalClientCalls { get; }

    public long ExternalClientCalls { get; }

    /// <summary>Calls whose client address is unknown (HAR input): neither internal nor external.</summary>
    public long UnknownClientCalls { get; }

    /// <summary><see cref="ExposureStates"/>: external when any known client was, unknown when no call had a client.</summary>
    public string Exposure { get; }

    /// <summary>An overflow bucket (<see cref="CatalogOverflow"/>): calls past a host, method or endpoint bound.</summary>
    public bool IsOverflow => CatalogOverflow.IsOverflow(Key);

    public ImmutableSortedSet<string> Servers { get; }

    /// <summary>Calls by credential kind (<c>none</c> included).</summary>
    public CountTable<string> AuthKinds { get; }

    public ImmutableSortedSet<string> AuthLocations { get; }

    public ImmutableSortedSet<string> JwtAlgorithms { get; }

    public long DistinctCredentials { get; }

    public bool DistinctCredentialsCapped { get; }

    /// <summary>Sensitive data by (type, location) with the number of calls it appeared in.</summary>
    public CountTable<(string Type, string Location)> Sensitive { get; }

    /// <summary>Occurrences of one sensitive-data key (several per call in a list).</summary>
    public long SensitiveOccurrences(string type, string location) => _sensitiveOccurrences.GetValueOrDefault((type, location));

    /// <summary>The masked samples (<c>4111********1111</c>) seen for one sensitive-data key, in ordinal order; empty unless enabled.</summary>
    public IReadOnlyCollection<string> MaskedSamplesOf((string Type, string Location) key) =>
        _maskedSamples.TryGetValue(key, out var samples) ? samples : ImmutableSortedSet<string>.Empty;

    /// <summary>Every sensitive-data key that has masked samples, in key order.</summary>
    internal IEnumerable<KeyValuePair<(string Type, string Location), ImmutableSortedSet<string>>> MaskedSamples => _maskedSamples;

    public long AssetResponses { get; }

    public long ApiResponses { get; }

    public long DefiniteApiResponses { get; }

    /// <summary>A static asset rather than an API: asset responses and no API answer (listed apart from the APIs).</summary>
    public bool IsStaticAsset { get; }

    public FieldKinds Query { get; }

    public FieldKinds RequestFields { get; }

    public FieldKinds ResponseFields { get; }

    public CountTable<string> RequestHeaders { get; }

    public CountTable<string> ResponseHeaders { get; }

    public CountTable<string> RequestContentTypes { get; }

    public CountTable<string> ResponseContentTypes { get; }

    public ImmutableSortedSet<string> ClientTools { get; }

    public long TotalDurationMicros { get; }

    public long TimedCalls { get; }

    /// <summary>Values not kept because a per-endpoint set was at its bound.</summary>
    public long DroppedValues { get; }

    /// <summary>Calls seen in clear text (what a packet sensor parses).</summary>
    public long PlaintextCalls { get; }

    /// <summary>Calls seen inside TLS (a proxy, an in-process hook, a HAR recorded over https).</summary>
    public long TlsCalls { get; }

    /// <summary>Calls whose source could not tell: never claimed to be clear text.</summary>
    public long UnknownTransportCalls { get; }

    /// <summary>Calls that sent Basic credentials in clear text.</summary>
    public long BasicOverPlaintextCalls { get; }

    /// <summary>Calls by transport (<see cref="TransportNames"/>), in that order, zero counts included.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> TransportCalls =>
    [
        new(TransportNames.Plaintext, PlaintextCalls),
        new(TransportNames.Tls, TlsCalls),
        new(TransportNames.Unknown, UnknownTransportCalls),
    ];

    /// <summary>Kubernetes namespaces of the server, where a source knew them (none in embedded mode).</summary>
    public ImmutableSortedSet<string> Namespaces { get; }

    /// <summary>Kubernetes workloads of the server (<c>deployment/orders</c>), where a source knew them.</summary>
    public ImmutableSortedSet<string> Workloads { get; }

    /// <summary>One of <see cref="SpecStates"/>.</summary>, <c>non-conformant</c>, <c>shadow</c>, <c>zombie</c> or <c>not-found</c>.</summary>
    public string SpecState { get; }

    public string? OperationId { get; }

    public IReadOnlyList<ConformanceViolation> Violations { get; }

    public IReadOnlyList<Finding> Findings { get; }

    /// <summary>Weak access-control patterns, with evidence.</summary>
    public IReadOnlyList<AccessIssue> AccessIssues { get; }

    public RiskAssessment Risk { get; }

    public bool IsShadow => SpecState == SpecStates.Shadow;

    /// <summary>What was observed, in the form the spec conformance checker and the OpenAPI reconstruction take.</summary>
    public ObservedShape Shape() => new(
        Query.ToDictionary(),
        RequestHeaders.Keys.ToImmutableSortedSet(StringComparer.Ordinal),
        StatusCodes.Keys.ToImmutableSortedSet(),
        RequestFields.ToDictionary(),
        ResponseFields.ToDictionary(),
        AuthKinds.Keys.ToImmutableSortedSet(StringComparer.Ordinal));

    private static ImmutableSortedSet<string> Frozen(IEnumerable<string> values) =>
        values.ToImmutableSortedSet(StringComparer.Ordinal);
}
