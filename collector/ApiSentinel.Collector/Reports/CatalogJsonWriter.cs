using System.Text.Json;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Reports;

/// <summary>
/// <c>analyze --format json</c>: the catalog as DESIGN.md's contract shapes it —
/// <c>{"endpoints":[{host, method, path, requests, statusCodes, auth, sensitiveData, shadow, conformance, risk,
/// firstSeen, lastSeen, clients, …}], "findings":[…]}</c> — plus the spec operations no traffic used.
/// The collector's <c>GET /api/v1/endpoints</c> writes the same document (a <see cref="IEndpointSelection"/> narrows
/// the endpoint lists), and <c>GET /api/v1/endpoints/{id}</c> one endpoint object of it.
/// </summary>
public static class CatalogJsonWriter
{
    public static void Write(Stream output, CatalogSnapshot catalog, ClientDirectory clients, IEndpointSelection? selection = null)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(clients);
        using var json = Open(output);
        json.WriteStartObject();
        json.WriteStartArray("endpoints");
        WriteEndpoints(json, catalog.Endpoints, clients, selection);
        json.WriteEndArray();
        // Pages, scripts, styles, images and fonts: the same shape as endpoints, listed apart and ranked on their own.
        json.WriteStartArray("staticAssets");
        WriteEndpoints(json, catalog.StaticAssets, clients, selection);
        json.WriteEndArray();
        json.WriteStartArray("findings");
        foreach (var f in catalog.Findings)
        {
            WriteFinding(json, f);
            FlushEvery(json);
        }
        json.WriteEndArray();
        json.WriteStartArray("probedPaths");
        foreach (var probe in catalog.ProbedPaths)
        {
            json.WriteStartObject();
            JsonText.WriteString(json, "host", probe.Key.Host);
            JsonText.WriteString(json, "method", probe.Key.Method);
            JsonText.WriteString(json, "path", probe.Key.PathTemplate);
            json.WriteNumber("requests", probe.Requests);
            json.WriteNumber("clients", probe.Clients.Count);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteStartArray("unusedSpecOperations");
        foreach (var (host, op) in catalog.UnusedSpecOperations)
        {
            json.WriteStartObject();
            JsonText.WriteString(json, "host", host);
            JsonText.WriteString(json, "method", op.Method);
            JsonText.WriteString(json, "path", op.PathTemplate);
            if (op.OperationId is not null)
            {
                JsonText.WriteString(json, "operationId", op.OperationId);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    /// <summary>One endpoint object of the document, with members of the caller's (<paramref name="extra"/>) at its end.</summary>
    public static void WriteEndpoint(Stream output, EndpointSnapshot endpoint, ClientDirectory clients, Action<Utf8JsonWriter>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(clients);
        using var json = Open(output);
        WriteEndpoint(json, endpoint, clients, endpoint.Requests, extra);
        json.Flush();
        output.WriteByte((byte)'\n');
    }

    private static Utf8JsonWriter Open(Stream output) => new(output, new JsonWriterOptions
    {
        Indented = true,
        Encoder = JsonText.Relaxed,
    });

    private static void WriteEndpoints(Utf8JsonWriter json, IReadOnlyList<EndpointSnapshot> endpoints, ClientDirectory clients, IEndpointSelection? selection)
    {
        foreach (var e in endpoints)
        {
            if (selection is null || selection.Includes(e))
            {
                WriteEndpoint(json, e, clients, selection?.RequestsOf(e) ?? e.Requests, extra: null);
                FlushEvery(json);
            }
        }
    }

    private static void WriteEndpoint(Utf8JsonWriter json, EndpointSnapshot e, ClientDirectory clients, long requests, Action<Utf8JsonWriter>? extra)
    {
        json.WriteStartObject();
        JsonText.WriteString(json, "host", e.Key.Host);
        JsonText.WriteString(json, "method", e.Key.Method);
        JsonText.WriteString(json, "path", e.Key.PathTemplate);
        JsonText.WriteString(json, "identity", e.Identity);
        JsonText.WriteString(json, "changeMarker", e.ChangeMarker);
        json.WriteStartObject("template");
        JsonText.WriteString(json, "reason", e.Template.Reason);
        json.WriteNumber("confidence", Math.Round(e.Template.Confidence, 3));
        json.WriteStartArray("parameters");
        foreach (var p in e.Template.Parameters)
        {
            json.WriteStartObject();
            JsonText.WriteString(json, "name", p.Name);
            JsonText.WriteString(json, "valueClass", p.ValueClass);
            JsonText.WriteString(json, "reason", p.Reason);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteNumber("requests", requests);
        json.WriteStartObject("statusCodes");
        foreach (var (code, n) in e.StatusCodes)
        {
            json.WriteNumber(code.ToString(System.Globalization.CultureInfo.InvariantCulture), n);
        }
        if (e.NoResponse > 0)
        {
            json.WriteNumber("none", e.NoResponse);
        }
        json.WriteEndObject();
        json.WriteStartObject("auth");
        json.WriteStartObject("schemes");
        foreach (var (kind, n) in e.AuthKinds)
        {
            json.WriteNumber(kind, n);
        }
        json.WriteEndObject();
        json.WriteNumber("unauthenticatedShare", e.Requests == 0 ? 0 : Math.Round((double)e.AuthKinds.GetValueOrDefault(AuthKinds.None) / e.Requests, 4));
        WriteStrings(json, "locations", e.AuthLocations);
        WriteStrings(json, "jwtAlgorithms", e.JwtAlgorithms);
        json.WriteNumber("distinctCredentials", e.DistinctCredentials);
        json.WriteStartArray("issues");
        foreach (var issue in e.AccessIssues)
        {
            json.WriteStartObject();
            JsonText.WriteString(json, "kind", issue.Kind);
            JsonText.WriteString(json, "evidence", issue.Evidence);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartArray("sensitiveData");
        foreach (var ((type, location), n) in e.Sensitive)
        {
            json.WriteStartObject();
            JsonText.WriteString(json, "type", type);
            JsonText.WriteString(json, "location", location);
            JsonText.WriteString(json, "direction", location.StartsWith("request", StringComparison.Ordinal) ? "request" : "response");
            json.WriteNumber("calls", n);
            if (e.MaskedSamplesOf((type, location)) is { Count: > 0 } samples)
            {
                WriteStrings(json, "maskedSamples", samples);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteBoolean("shadow", e.IsShadow);
        json.WriteStartObject("conformance");
        JsonText.WriteString(json, "state", e.SpecState);
        if (e.OperationId is not null)
        {
            JsonText.WriteString(json, "operationId", e.OperationId);
        }
        json.WriteStartArray("violations");
        foreach (var v in e.Violations)
        {
            json.WriteStartObject();
            JsonText.WriteString(json, "kind", v.Kind);
            JsonText.WriteString(json, "subject", v.Subject);
            JsonText.WriteString(json, "evidence", v.Evidence);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        var risk = e.Risk!;
        json.WriteStartObject("risk");
        json.WriteNumber("score", risk.Score);
        JsonText.WriteString(json, "level", risk.Level);
        json.WriteStartArray("factors");
        foreach (var f in risk.Factors)
        {
            json.WriteStartObject();
            JsonText.WriteString(json, "name", f.Name);
            json.WriteNumber("weight", f.Weight);
            json.WriteNumber("points", f.Points);
            JsonText.WriteString(json, "evidence", f.Evidence);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        JsonText.WriteString(json, "firstSeen", Rfc3339.FromMicros(e.FirstSeenMicros));
        JsonText.WriteString(json, "lastSeen", Rfc3339.FromMicros(e.LastSeenMicros));
        json.WriteStartArray("clients");
        foreach (var (address, calls) in e.Clients.Top(10))
        {
            json.WriteStartObject();
            JsonText.WriteString(json, "address", address);
            json.WriteNumber("calls", calls);
            var (country, organisation, external) = clients.Describe(address);
            JsonText.WriteString(json, "exposure", external ? ExposureStates.External : ExposureStates.Internal);
            if (country is not null)
            {
                JsonText.WriteString(json, "country", country);
            }
            if (organisation is not null)
            {
                JsonText.WriteString(json, "organisation", organisation);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        JsonText.WriteString(json, "exposure", e.Exposure);
        if (e.UnknownClientCalls > 0)
        {
            json.WriteNumber("callsWithoutClientAddress", e.UnknownClientCalls);
        }
        // Calls by how they travelled (plaintext, tls, unknown): what the transport factor scored.
        json.WriteStartObject("transport");
        foreach (var (transport, calls) in e.TransportCalls)
        {
            json.WriteNumber(transport, calls);
        }
        json.WriteEndObject();
        WriteStrings(json, "namespaces", e.Namespaces);
        WriteStrings(json, "workloads", e.Workloads);
        if (e.IsOverflow)
        {
            json.WriteBoolean("overflow", true);
        }
        WriteKinds(json, "queryParameters", e.Query);
        WriteKinds(json, "requestFields", e.RequestFields);
        WriteKinds(json, "responseFields", e.ResponseFields);
        WriteStrings(json, "requestHeaders", e.RequestHeaders.Keys);
        WriteStrings(json, "responseHeaders", e.ResponseHeaders.Keys);
        WriteStrings(json, "requestContentTypes", e.RequestContentTypes.Keys);
        WriteStrings(json, "responseContentTypes", e.ResponseContentTypes.Keys);
        WriteStrings(json, "servers", e.Servers);
        if (e.TimedCalls > 0)
        {
            json.WriteNumber("meanDurationMicros", e.TotalDurationMicros / e.TimedCalls);
        }
        extra?.Invoke(json);
        json.WriteEndObject();
    }

    /// <summary>
    /// Utf8JsonWriter holds everything until flushed: a 20 000-endpoint catalog (100 MB of JSON) was buffered
    /// whole, doubling as it grew. Flushing past 64 KiB keeps the writer's memory flat.
    /// </summary>
    private static void FlushEvery(Utf8JsonWriter json)
    {
        if (json.BytesPending > 64 * 1024)
        {
            json.Flush();
        }
    }

    private static void WriteFinding(Utf8JsonWriter json, Finding f)
    {
        json.WriteStartObject();
        JsonText.WriteString(json, "kind", f.Kind);
        JsonText.WriteString(json, "severity", f.Severity);
        JsonText.WriteString(json, "client", f.Client);
        JsonText.WriteString(json, "from", Rfc3339.FromMicros(f.FromMicros));
        JsonText.WriteString(json, "to", Rfc3339.FromMicros(f.ToMicros));
        JsonText.WriteString(json, "summary", f.Summary);
        json.WriteStartObject("evidence");
        foreach (var (k, v) in f.Evidence.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            JsonText.WriteString(json, k, v);
        }
        json.WriteEndObject();
        json.WriteStartArray("endpoints");
        foreach (var k in f.Endpoints)
        {
            JsonText.WriteStringValue(json, $"{k.Method} {k.Host}{k.PathTemplate}");
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var v in values)
        {
            JsonText.WriteStringValue(json, v);
        }
        json.WriteEndArray();
    }

    private static void WriteKinds(Utf8JsonWriter json, string name, FieldKinds set)
    {
        json.WriteStartArray(name);
        foreach (var field in set.Names)
        {
            json.WriteStartObject();
            JsonText.WriteString(json, "name", field);
            WriteStrings(json, "kinds", set.KindsOf(field));
            json.WriteNumber("calls", set.CountOf(field));
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }
}
