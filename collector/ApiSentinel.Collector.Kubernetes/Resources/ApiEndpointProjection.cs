using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Reports;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Crds;
using ApiSentinel.Crds.ApiEndpoints;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Resources;

/// <summary>
/// One engine snapshot as one <c>ApiEndpoint</c> resource: the name is the engine's stable identity, the spec its
/// (host, method, template), the labels what <c>kubectl get -l</c> selects on, and the status what was observed —
/// within <see cref="ProjectionBounds"/>, every cut counted in <c>status.truncated</c>. The status carries the
/// snapshot's change marker, so a writer can tell an unchanged resource by one field. Pure: the same snapshot gives
/// the same object, which is what lets the sink skip rewriting it.
/// </summary>
public static class ApiEndpointProjection
{
    public static V1Alpha1ApiEndpoint Project(EndpointSnapshot e, string @namespace, ClientDirectory clients, ProjectionBounds bounds)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(bounds);
        bounds.Validate();
        var truncation = new StatusTruncation(bounds.MaxTextLength);
        var identity = new StatusTruncation(ProjectionBounds.MaxIdentityLength);
        var resource = new V1Alpha1ApiEndpoint
        {
            Metadata = Metadata(e, @namespace, identity),
            Spec = new ApiEndpointSpec { Host = identity.Text(e.Key.Host), Method = e.Key.Method, Path = identity.Text(e.Key.PathTemplate) },
        };
        truncation.AddTexts(identity.Texts);
        var status = Status(e, clients, bounds, truncation);
        status.ChangeMarker = ProjectionMarker.Of(e.ChangeMarker, @namespace, clients.Identity, bounds);
        // The 64 KiB bound is the object's (DESIGN.md): what metadata and spec take is the status's less.
        var overhead = ApiEndpointJson.SizeInBytes(resource) + StatusMemberBytes;
        StatusSizeGuard.Fit(status, Math.Min(bounds.MaxStatusBytes, ProjectionBounds.MaxObjectBytes - overhead), truncation);
        status.Truncated = Truncated(truncation, status.Truncated?.CatalogDropped);
        resource.Status = status;
        return resource;
    }

    /// <summary>What <c>,"status":</c> adds to the serialized object besides the status itself.</summary>
    private const int StatusMemberBytes = 10;

    /// <summary>The labels of an endpoint's resource (<see cref="ApiSentinelLabels"/>), every value label-safe.</summary>
    public static IDictionary<string, string> Labels(EndpointSnapshot e, string state = EndpointStates.Active)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            [ApiSentinelLabels.Risk] = e.Risk.Level,
            [ApiSentinelLabels.Shadow] = ApiSentinelLabels.Of(e.IsShadow),
            [ApiSentinelLabels.SpecState] = e.SpecState,
            [ApiSentinelLabels.Sensitive] = ApiSentinelLabels.Of(e.Sensitive.Count > 0),
            [ApiSentinelLabels.Host] = LabelValues.Of(e.Key.Host),
            [ApiSentinelLabels.Method] = LabelValues.Of(e.Key.Method),
            [ApiSentinelLabels.Exposure] = e.Exposure,
            [ApiSentinelLabels.State] = state,
            [ApiSentinelLabels.ManagedBy] = ApiSentinelLabels.ManagedByCollector,
        };
    }

    private static V1ObjectMeta Metadata(EndpointSnapshot e, string @namespace, StatusTruncation identity)
    {
        var metadata = new V1ObjectMeta { Name = e.Identity, NamespaceProperty = @namespace, Labels = Labels(e) };
        if (!LabelValues.IsValid(e.Key.Host))
        {
            metadata.Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { [ApiSentinelAnnotations.Host] = identity.Text(e.Key.Host) };
        }
        return metadata;
    }

    private static ApiEndpointStatus Status(EndpointSnapshot e, ClientDirectory clients, ProjectionBounds b, StatusTruncation t) => new()
    {
        State = EndpointStates.Active,
        Risk = Risk(e.Risk, t),
        Auth = Auth(e, b, t),
        SensitiveData = t.Top(e.Sensitive.ToList(), b.SensitiveData, StatusLists.SensitiveData, kv => kv.Value)
            .Select(kv => Sensitive(e, kv.Key, kv.Value, b, t)).ToList(),
        Usage = Usage(e, clients, b, t),
        Parameters = Parameters(e, b, t),
        Conformance = new ApiEndpointConformance
        {
            State = e.SpecState,
            OperationId = t.OptionalText(e.OperationId),
            Violations = t.First(e.Violations, b.Violations, StatusLists.Violations)
                .Select(v => new ApiEndpointViolation { Kind = v.Kind, Subject = t.Text(v.Subject), Evidence = t.Text(v.Evidence) }).ToList(),
        },
        Exposure = e.Exposure,
        Transport = new ApiEndpointTransport { Plaintext = e.PlaintextCalls, Tls = e.TlsCalls, Unknown = e.UnknownTransportCalls },
        Findings = t.First(BySeverity(e.Findings), b.Findings, StatusLists.Findings).Select(f => Finding(f, b, t)).ToList(),
        Namespaces = t.First(e.Namespaces, b.Workloads, StatusLists.Namespaces).Select(t.Text).ToList(),
        Workloads = t.First(e.Workloads, b.Workloads, StatusLists.Workloads).Select(t.Text).ToList(),
        Summary = new ApiEndpointSummary { Auth = t.Text(AuthSummary(e)), Sensitive = t.Text(SensitiveSummary(e)) },
        Truncated = new ApiEndpointTruncation { CatalogDropped = e.DroppedValues },
    };

    private static ApiEndpointRisk Risk(RiskAssessment risk, StatusTruncation t) => new()
    {
        Score = risk.Score,
        Level = risk.Level,
        Factors = risk.Factors.Select(f => new ApiEndpointRiskFactor
        {
            Name = f.Name,
            Weight = f.Weight,
            Points = f.Points,
            Evidence = t.Text(f.Evidence),
            Summary = f.Summary.Length == 0 ? null : t.Text(f.Summary),
        }).ToList(),
    };

    private static ApiEndpointAuth Auth(EndpointSnapshot e, ProjectionBounds b, StatusTruncation t) => new()
    {
        Schemes = t.Top(e.AuthKinds.ToList(), b.AuthItems, StatusLists.AuthSchemes, kv => kv.Value)
            .Select(kv => new ApiEndpointAuthScheme { Kind = t.Text(kv.Key), Calls = kv.Value }).ToList(),
        Locations = t.First(e.AuthLocations, b.AuthItems, StatusLists.AuthLocations).Select(t.Text).ToList(),
        JwtAlgorithms = t.First(e.JwtAlgorithms, b.AuthItems, StatusLists.AuthJwtAlgorithms).Select(t.Text).ToList(),
        DistinctCredentials = e.DistinctCredentials,
        DistinctCredentialsCapped = e.DistinctCredentialsCapped ? true : null,
        Issues = t.First(e.AccessIssues, b.AuthItems, StatusLists.AuthIssues)
            .Select(i => new ApiEndpointAuthIssue { Kind = i.Kind, Evidence = t.Text(i.Evidence) }).ToList(),
        Summary = t.Text(AuthSummary(e)),
    };

    private static ApiEndpointSensitiveData Sensitive(EndpointSnapshot e, (string Type, string Location) key, long calls, ProjectionBounds b, StatusTruncation t)
    {
        var samples = e.MaskedSamplesOf(key);
        return new()
        {
            Type = t.Text(key.Type),
            Location = t.Text(key.Location),
            Calls = calls,
            Occurrences = e.SensitiveOccurrences(key.Type, key.Location),
            MaskedSamples = samples.Count == 0 ? null : t.First(samples, b.MaskedSamples, StatusLists.MaskedSamples).Select(t.Text).ToList(),
        };
    }

    private static ApiEndpointUsage Usage(EndpointSnapshot e, ClientDirectory clients, ProjectionBounds b, StatusTruncation t) => new()
    {
        Requests = e.Requests,
        NoResponse = e.NoResponse,
        StatusCodes = t.Top(e.StatusCodes.ToList(), b.StatusCodes, StatusLists.StatusCodes, kv => kv.Value)
            .Select(kv => new ApiEndpointStatusCode { Code = kv.Key, Calls = kv.Value }).ToList(),
        FirstSeen = Rfc3339.FromMicros(e.FirstSeenMicros),
        LastSeen = Rfc3339.FromMicros(e.LastSeenMicros),
        TopClients = TopClients(e, b, t).Select(kv =>
        {
            var (country, organisation, external) = clients.Describe(kv.Key);
            return new ApiEndpointClient
            {
                Address = t.Text(kv.Key),
                Calls = kv.Value,
                External = external,
                Country = t.OptionalText(country),
                Organisation = t.OptionalText(organisation),
            };
        }).ToList(),
        DistinctClients = e.Clients.Count,
        EvictedClients = e.Clients.Evicted > 0 ? e.Clients.Evicted : null,
        InternalCalls = e.InternalClientCalls,
        ExternalCalls = e.ExternalClientCalls,
        UnknownClientCalls = e.UnknownClientCalls,
    };

    /// <summary>
    /// The most frequent clients; every distinct client the engine tracked beyond them is counted as left out (the
    /// engine copies only its top <see cref="ClientCounts.Listed"/>, so the rest are never in a list to cut).
    /// </summary>
    private static List<KeyValuePair<string, long>> TopClients(EndpointSnapshot e, ProjectionBounds b, StatusTruncation t)
    {
        var listed = e.Clients.Top(ClientCounts.Listed).Take(b.TopClients).ToList();
        t.Cut(StatusLists.TopClients, e.Clients.Count - listed.Count);
        return listed;
    }

    private static ApiEndpointParameters Parameters(EndpointSnapshot e, ProjectionBounds b, StatusTruncation t) => new()
    {
        Query = Fields(e.Query, StatusLists.Query, b, t),
        RequestHeaders = Named(e.RequestHeaders, b.Fields, StatusLists.RequestHeaders, t),
        ResponseHeaders = Named(e.ResponseHeaders, b.Fields, StatusLists.ResponseHeaders, t),
        RequestFields = Fields(e.RequestFields, StatusLists.RequestFields, b, t),
        ResponseFields = Fields(e.ResponseFields, StatusLists.ResponseFields, b, t),
        ContentTypes = new ApiEndpointContentTypes
        {
            Request = Named(e.RequestContentTypes, b.ContentTypes, StatusLists.RequestContentTypes, t),
            Response = Named(e.ResponseContentTypes, b.ContentTypes, StatusLists.ResponseContentTypes, t),
        },
    };

    private static List<ApiEndpointField> Fields(FieldKinds fields, string list, ProjectionBounds b, StatusTruncation t)
    {
        return t.Top(fields.Names, b.Fields, list, fields.CountOf).Select(name => new ApiEndpointField
        {
            Name = t.Text(name),
            Kinds = t.First(fields.KindsOf(name), b.KindsPerField, StatusLists.FieldKinds).Select(t.Text).ToList(),
            Calls = fields.CountOf(name),
        }).ToList();
    }

    private static List<ApiEndpointNamedCount> Named(CountTable<string> counts, int max, string list, StatusTruncation t) =>
        t.Top(counts.ToList(), max, list, kv => kv.Value).Select(kv => new ApiEndpointNamedCount { Name = t.Text(kv.Key), Calls = kv.Value }).ToList();

    internal static ApiEndpointFinding Finding(Finding f, ProjectionBounds b, StatusTruncation t)
    {
        var evidence = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in t.First(f.Evidence.OrderBy(kv => kv.Key, StringComparer.Ordinal).ToList(), b.FindingEvidence, StatusLists.FindingEvidence))
        {
            // Two long keys may cut to the same text: the first (in key order) stays, the other is counted as left out.
            if (!evidence.TryAdd(t.Text(key), t.Text(value)))
            {
                t.Cut(StatusLists.FindingEvidence, 1);
            }
        }
        return new()
        {
            Kind = f.Kind,
            Severity = f.Severity,
            Summary = t.Text(f.Summary),
            Client = t.OptionalText(f.Client),
            From = Rfc3339.FromMicros(f.FromMicros),
            To = Rfc3339.FromMicros(f.ToMicros),
            Evidence = evidence,
        };
    }

    /// <summary>Findings worst first (ties in the engine's order), so a cut list keeps what matters.</summary>
    private static List<Finding> BySeverity(IReadOnlyList<Finding> findings) =>
        findings.Select((f, i) => (f, i)).OrderByDescending(p => SeverityRank(p.f.Severity)).ThenBy(p => p.i).Select(p => p.f).ToList();

    private static int SeverityRank(string severity) => severity switch
    {
        FindingSeverities.Critical => 3,
        FindingSeverities.High => 2,
        FindingSeverities.Medium => 1,
        _ => 0,
    };

    /// <summary>Credential kinds, most used first (ties by name): <c>bearer</c>, <c>none,api-key</c>.</summary>
    private static string AuthSummary(EndpointSnapshot e) =>
        string.Join(',', e.AuthKinds.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key));

    /// <summary>Sensitive-data types, worst first (ties by name): <c>us-ssn,credit-card</c>.</summary>
    private static string SensitiveSummary(EndpointSnapshot e) =>
        string.Join(',', e.Sensitive.Keys.Select(k => k.Type).Distinct(StringComparer.Ordinal)
            .OrderByDescending(RiskModel.SensitiveTypeSeverity).ThenBy(type => type, StringComparer.Ordinal));

    internal static ApiEndpointTruncation Truncated(StatusTruncation t, long? catalogDropped) => new()
    {
        Items = t.Items,
        Lists = t.Lists.Count == 0 ? null : [.. t.Lists],
        Texts = t.Texts == 0 ? null : t.Texts,
        CatalogDropped = catalogDropped is > 0 ? catalogDropped : null,
    };
}
