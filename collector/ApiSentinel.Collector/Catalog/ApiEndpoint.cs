using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Contract;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Collector.Templating;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// Everything the catalog knows about one endpoint (host, method, path template), aggregated from its calls.
/// Memory is bounded per endpoint — top-N clients, bounded name sets, a capped credential set — so the catalog
/// grows with endpoints, not with calls. The live aggregate, owned by the catalog and updated by every ingest:
/// nothing outside the catalog reads it — <see cref="ApiCatalog.Build"/> copies it into an <see cref="EndpointSnapshot"/>.
/// </summary>
internal sealed partial class ApiEndpoint
{
    /// <summary>Distinct credential fingerprints tracked exactly; beyond, the count is reported as "at least".</summary>
    public const int MaxTrackedCredentials = 4096;

    internal ApiEndpoint(EndpointKey key, PathTemplate template, int clientCapacity)
    {
        Key = key;
        Template = template;
        Clients = new TopCounter(clientCapacity);
    }

    public EndpointKey Key { get; internal set; }

    /// <summary>How the path template was decided (reason, confidence, parameters).</summary>
    public PathTemplate Template { get; internal set; }

    public long Requests { get; private set; }

    // Counters are hash maps updated with one lookup per call and sorted only when read (output, Build): sorted
    // trees here cost ~10 % of the catalog's ingest CPU (bench/CatalogThroughput).
    private readonly Dictionary<int, long> _statusCodes = [];
    private readonly Dictionary<string, long> _authKinds = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Type, string Location), long> _sensitive = new(OrdinalPairComparer.Instance);
    private readonly Dictionary<(string Type, string Location), long> _sensitiveOccurrences = new(OrdinalPairComparer.Instance);
    private readonly NameCounts _requestHeaders = new(MaxHeaderNames);
    private readonly NameCounts _responseHeaders = new(MaxHeaderNames);
    private readonly Dictionary<string, long> _requestContentTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _responseContentTypes = new(StringComparer.Ordinal);

    /// <summary>Calls by status code, in code order; calls with no response are counted in <see cref="NoResponse"/>.</summary>
    public SortedDictionary<int, long> StatusCodes => new(_statusCodes);

    public long NoResponse { get; private set; }

    public long FirstSeenMicros { get; private set; } = long.MaxValue;

    public long LastSeenMicros { get; private set; }

    /// <summary>Calls by client address (top-N, bounded); calls without a client address are not in it.</summary>
    public TopCounter Clients { get; }

    public long InternalClientCalls { get; private set; }

    public long ExternalClientCalls { get; private set; }

    /// <summary>Calls whose client address is unknown (HAR input): neither internal nor external.</summary>
    public long UnknownClientCalls { get; private set; }

    /// <summary><see cref="ExposureStates"/>: external when any known client was, unknown when no call had a client.</summary>
    public string Exposure =>
        ExternalClientCalls > 0 ? ExposureStates.External
        : InternalClientCalls > 0 ? ExposureStates.Internal
        : UnknownClientCalls > 0 ? ExposureStates.Unknown
        : ExposureStates.Internal;

    /// <summary>An overflow bucket (<see cref="CatalogOverflow"/>): calls past a host, method or endpoint bound.</summary>
    public bool IsOverflow => CatalogOverflow.IsOverflow(Key);

    public SortedSet<string> Servers { get; } = new(StringComparer.Ordinal);

    /// <summary>Calls by credential kind (<c>none</c> included).</summary>
    public SortedDictionary<string, long> AuthKinds => new(_authKinds, StringComparer.Ordinal);

    public SortedSet<string> AuthLocations { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> JwtAlgorithms { get; } = new(StringComparer.Ordinal);

    private readonly HashSet<string> _credentials = new(StringComparer.Ordinal);
    private bool _credentialsCapped;

    public long DistinctCredentials => _credentials.Count;

    public bool DistinctCredentialsCapped => _credentialsCapped;

    /// <summary>Sensitive data by (type, location) with the number of calls it appeared in.</summary>
    public SortedDictionary<(string Type, string Location), long> Sensitive => new(_sensitive);

    /// <summary>Distinct masked samples kept per (type, location); present only when the sensor sent samples.</summary>
    public const int MaxMaskedSamples = 3;

    private readonly Dictionary<(string Type, string Location), SortedSet<string>> _maskedSamples = new(OrdinalPairComparer.Instance);

    /// <summary>The masked samples (<c>4111********1111</c>) seen for one sensitive-data key, in ordinal order; empty unless enabled.</summary>
    public IReadOnlyCollection<string> MaskedSamplesOf((string Type, string Location) key) =>
        _maskedSamples.TryGetValue(key, out var samples) ? samples : [];

    /// <summary>Sensitive data by (type, location) with the occurrences counted (several per call in a list).</summary>
    public long SensitiveOccurrences(string type, string location) => _sensitiveOccurrences.GetValueOrDefault((type, location));

    /// <summary>Calls whose response was a static asset (page, script, style sheet, image, font, media).</summary>
    public long AssetResponses { get; private set; }

    /// <summary>Successful calls whose response had a media type that is neither an asset's nor an API's (<c>text/plain</c>, …).</summary>
    public long ApiResponses { get; private set; }

    /// <summary>Calls that settle it is an API: a state-changing method, or a success with an API media type (JSON, XML, …).</summary>
    public long DefiniteApiResponses { get; private set; }

    /// <summary>
    /// A static asset rather than an API: some successful responses were assets, at least as many as other answers,
    /// and none was an API's own answer (JSON, XML, …) or a state-changing call. Error answers count for neither
    /// side, so HTML 404 pages for probed ids cannot hide an API. Listed apart and never ranked with APIs, but still scanned.
    /// </summary>
    public bool IsStaticAsset => !IsOverflow && AssetResponses > 0 && DefiniteApiResponses == 0 && AssetResponses >= ApiResponses;

    public KindSet Query { get; } = new();

    public KindSet RequestFields { get; } = new();

    public KindSet ResponseFields { get; } = new();

    public SortedDictionary<string, long> RequestHeaders => _requestHeaders.ToSorted();

    public SortedDictionary<string, long> ResponseHeaders => _responseHeaders.ToSorted();

    public SortedDictionary<string, long> RequestContentTypes => new(_requestContentTypes, StringComparer.Ordinal);

    public SortedDictionary<string, long> ResponseContentTypes => new(_responseContentTypes, StringComparer.Ordinal);

    public SortedSet<string> ClientTools { get; } = new(StringComparer.Ordinal);

    public long TotalDurationMicros { get; private set; }

    public long TimedCalls { get; private set; }

    /// <summary>Calls per hour since the last checkpoint drained them (they follow the endpoint through merges).</summary>
    internal HourlyUsage PendingUsage { get; } = new();

    internal void Add(ApiCall call, ClientExposure client)
    {
        Requests++;
        PendingUsage.Add(call.TimestampMicros, call.Status);
        if (call.Status is not { } status)
        {
            NoResponse++;
        }
        else if (CallShape.IsStatusCode(status))
        {
            // Outside 100..999 a status is no code (the catalog counts it): neither a code nor "no response".
            Increment(_statusCodes, status, 1);
        }
        FirstSeenMicros = Math.Min(FirstSeenMicros, call.TimestampMicros);
        LastSeenMicros = Math.Max(LastSeenMicros, call.TimestampMicros);
        switch (client)
        {
            case ClientExposure.Internal:
                InternalClientCalls++;
                break;
            case ClientExposure.External:
                ExternalClientCalls++;
                break;
            default:
                UnknownClientCalls++;
                break;
        }
        if (call.ClientAddress is { } address)
        {
            Clients.Add(address);
        }
        AddBounded(Servers, call.Server, ref _knownServer);
        AddPlacement(call);
        IncrementBounded(_authKinds, call.Auth);
        if (call.AuthLocation is not null)
        {
            AddBounded(AuthLocations, call.AuthLocation, ref _knownAuthLocation);
        }
        if (call.JwtAlgorithm is not null)
        {
            AddBounded(JwtAlgorithms, call.JwtAlgorithm, ref _knownJwtAlgorithm);
        }
        if (call.CredentialFingerprint is not null)
        {
            if (_credentials.Count < MaxTrackedCredentials)
            {
                _credentials.Add(call.CredentialFingerprint);
            }
            else if (!_credentials.Contains(call.CredentialFingerprint))
            {
                _credentialsCapped = true;
            }
        }
        // Index loops: foreach over an IReadOnlyList boxes an enumerator, and this runs for every call.
        for (var i = 0; i < call.Sensitive.Count; i++)
        {
            var observation = call.Sensitive[i];
            var place = (observation.Type, observation.Location);
            if (IncrementBounded(_sensitive, place))
            {
                Increment(_sensitiveOccurrences, place, Math.Max(1, observation.Count));
                if (observation.MaskedSample is not null)
                {
                    AddMaskedSample(place, observation.MaskedSample);
                }
            }
        }
        switch (StaticAssetRecognizer.Classify(call.Method, call.Path, call.Status, call.ResponseContentType, call.ResourceType))
        {
            case ResponseNature.Asset:
                AssetResponses++;
                break;
            case ResponseNature.Api:
                ApiResponses++;
                break;
            case ResponseNature.DefiniteApi:
                DefiniteApiResponses++;
                break;
        }
        Query.AddAll(call.Query, Requests);
        RequestFields.AddAll(call.RequestFields, Requests);
        ResponseFields.AddAll(call.ResponseFields, Requests);
        _requestHeaders.AddAll(call.RequestHeaders);
        _responseHeaders.AddAll(call.ResponseHeaders);
        if (call.RequestContentType is not null)
        {
            IncrementBounded(_requestContentTypes, call.RequestContentType);
        }
        if (call.ResponseContentType is not null)
        {
            IncrementBounded(_responseContentTypes, call.ResponseContentType);
        }
        if (call.ClientTool is not null)
        {
            AddBounded(ClientTools, call.ClientTool, ref _knownClientTool);
        }
        if (call.DurationMicros is { } duration)
        {
            TotalDurationMicros += duration;
            TimedCalls++;
        }
    }

    /// <summary>Folds another endpoint into this one (two templates turned out to be the same endpoint).</summary>
    internal void MergeFrom(ApiEndpoint other)
    {
        Requests += other.Requests;
        Merge(_statusCodes, other._statusCodes);
        NoResponse += other.NoResponse;
        FirstSeenMicros = Math.Min(FirstSeenMicros, other.FirstSeenMicros);
        LastSeenMicros = Math.Max(LastSeenMicros, other.LastSeenMicros);
        Clients.MergeFrom(other.Clients);
        InternalClientCalls += other.InternalClientCalls;
        ExternalClientCalls += other.ExternalClientCalls;
        UnknownClientCalls += other.UnknownClientCalls;
        Servers.UnionWith(other.Servers);
        MergePlacementFrom(other);
        Merge(_authKinds, other._authKinds);
        AuthLocations.UnionWith(other.AuthLocations);
        JwtAlgorithms.UnionWith(other.JwtAlgorithms);
        foreach (var c in other._credentials)
        {
            if (_credentials.Count < MaxTrackedCredentials)
            {
                _credentials.Add(c);
            }
            else
            {
                _credentialsCapped |= !_credentials.Contains(c);
            }
        }
        _credentialsCapped |= other._credentialsCapped;
        Merge(_sensitive, other._sensitive);
        foreach (var (key, samples) in other._maskedSamples)
        {
            foreach (var sample in samples)
            {
                AddMaskedSample(key, sample);
            }
        }
        Merge(_sensitiveOccurrences, other._sensitiveOccurrences);
        AssetResponses += other.AssetResponses;
        ApiResponses += other.ApiResponses;
        DefiniteApiResponses += other.DefiniteApiResponses;
        Query.MergeFrom(other.Query);
        RequestFields.MergeFrom(other.RequestFields);
        ResponseFields.MergeFrom(other.ResponseFields);
        _requestHeaders.MergeFrom(other._requestHeaders);
        _responseHeaders.MergeFrom(other._responseHeaders);
        Merge(_requestContentTypes, other._requestContentTypes);
        Merge(_responseContentTypes, other._responseContentTypes);
        ClientTools.UnionWith(other.ClientTools);
        TotalDurationMicros += other.TotalDurationMicros;
        TimedCalls += other.TimedCalls;
        DroppedValues += other.DroppedValues;
        PendingUsage.MergeFrom(other.PendingUsage);
    }

    /// <summary>What was observed, in the form the spec conformance checker and the OpenAPI reconstruction take.</summary>
    public ObservedShape Shape() => new(
        Query.ToDictionary(),
        new SortedSet<string>(_requestHeaders.Names, StringComparer.Ordinal),
        new SortedSet<int>(_statusCodes.Keys),
        RequestFields.ToDictionary(),
        ResponseFields.ToDictionary(),
        new SortedSet<string>(_authKinds.Keys, StringComparer.Ordinal));

    /// <summary>Distinct header names kept per endpoint; hostile clients can invent any number.</summary>
    public const int MaxHeaderNames = 256;

    /// <summary>
    /// Distinct values kept per set of an endpoint (servers, auth locations, content types, sensitive-data
    /// locations, …). Every such value comes from clients; beyond the bound new ones are counted, not kept.
    /// </summary>
    public const int MaxDistinctValues = 256;

    /// <summary>Values not kept because a per-endpoint set was at <see cref="MaxDistinctValues"/>.</summary>
    public long DroppedValues { get; private set; }

    // The last value each per-call set was seen to hold: an endpoint's calls nearly always repeat it (one server,
    // one or two auth locations), and a string compare is cheaper than a sorted-set walk. The sets only grow, so a
    // value once a member stays one.
    private string? _knownServer;
    private string? _knownAuthLocation;
    private string? _knownJwtAlgorithm;
    private string? _knownClientTool;

    private void AddBounded(SortedSet<string> set, string value, ref string? knownMember)
    {
        if (string.Equals(value, knownMember, StringComparison.Ordinal))
        {
            return;
        }
        if (set.Count < MaxDistinctValues)
        {
            set.Add(value);
            knownMember = value;
        }
        else if (!set.Contains(value))
        {
            DroppedValues++;
        }
        else
        {
            knownMember = value;
        }
    }

    private bool IncrementBounded<TKey>(Dictionary<TKey, long> counts, TKey key)
        where TKey : notnull
    {
        if (counts.Count < MaxDistinctValues || counts.ContainsKey(key))
        {
            Increment(counts, key, 1);
            return true;
        }
        DroppedValues++;
        return false;
    }

    /// <summary>Samples only for keys the endpoint keeps (so bounded by <see cref="MaxDistinctValues"/>), at most <see cref="MaxMaskedSamples"/> each.</summary>
    private void AddMaskedSample((string Type, string Location) key, string sample)
    {
        if (!_sensitive.ContainsKey(key))
        {
            return;
        }
        if (!_maskedSamples.TryGetValue(key, out var samples))
        {
            _maskedSamples[key] = samples = new SortedSet<string>(StringComparer.Ordinal);
        }
        if (samples.Count < MaxMaskedSamples)
        {
            samples.Add(sample);
        }
    }

    private static void Increment<TKey>(Dictionary<TKey, long> counts, TKey key, long by)
        where TKey : notnull =>
        System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, key, out _) += by;

    private static void Merge<TKey>(Dictionary<TKey, long> into, Dictionary<TKey, long> from)
        where TKey : notnull
    {
        foreach (var (k, v) in from)
        {
            Increment(into, k, v);
        }
    }

    /// <summary>Ordinal equality for (type, location) keys; the default tuple comparer boxes.</summary>
    private sealed class OrdinalPairComparer : IEqualityComparer<(string, string)>
    {
        public static OrdinalPairComparer Instance { get; } = new();

        public bool Equals((string, string) x, (string, string) y) =>
            string.Equals(x.Item1, y.Item1, StringComparison.Ordinal) && string.Equals(x.Item2, y.Item2, StringComparison.Ordinal);

        public int GetHashCode((string, string) pair) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(pair.Item1), StringComparer.Ordinal.GetHashCode(pair.Item2));
    }
}
