using ApiSentinel.Contract;
using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Calls;

/// <summary>
/// What leaves the sensor: maps an exchange record onto the call contract (<see cref="ApiCall"/>, the same fields the
/// gRPC message carries), in one place for embedded mode and the sensor daemon. Exchanges the catalog cannot place — a response with no
/// request, a CONNECT or <c>*</c> target — are not calls; the caller counts them.
/// </summary>
public static class ExchangeToCall
{
    /// <summary>The call for <paramref name="r"/>, as reported by <paramref name="source"/>; null when it is not one.</summary>
    /// <param name="r">The extractor's record.</param>
    /// <param name="source">The reporting sensor's identity; <see cref="ApiCall.EmbeddedSource"/> when the CLI read a file.</param>
    public static ApiCall? Map(ExchangeRecord r, string source = ApiCall.EmbeddedSource)
    {
        // The path is the extractor's parse of the target (ExchangeRecord.Path): one parser for absolute-form targets.
        if (r.Method is null || r.Path is not { } path)
        {
            return null;
        }
        var client = AddressOf(r.Client);
        return new ApiCall
        {
            TimestampMicros = r.TimestampMicros,
            Source = source,
            Connection = client is null ? null : ConnectionOf(r),
            Transport = r.Transport,
            // Embedded mode reads files: it knows no Kubernetes namespace or workload (the defaults, empty).
            ClientAddress = client,
            Server = r.Server,
            Host = string.IsNullOrEmpty(r.Host) ? r.Server : r.Host,
            Method = r.Method,
            Path = path,
            Query = Fields(r.QueryParameters),
            Status = r.Status,
            RequestBytes = r.RequestBodyBytes,
            ResponseBytes = r.ResponseBodyBytes,
            DurationMicros = r.DurationMicros,
            Auth = r.Auth.KindName,
            AuthLocation = r.Auth.Location,
            JwtAlgorithm = r.Auth.JwtAlgorithm,
            CredentialFingerprint = r.Auth.Fingerprint,
            Sensitive = r.Sensitive.Count == 0 ? [] : r.Sensitive.Select(s => new Contract.SensitiveObservation(s.Type, s.Location, s.Count, s.MaskedSample)).ToList(),
            RequestContentType = r.RequestContentType,
            ResponseContentType = r.ResponseContentType,
            ResourceType = r.ResourceType,
            RequestHeaders = r.RequestHeaderNames,
            ResponseHeaders = r.ResponseHeaderNames,
            RequestFields = Fields(r.RequestFields),
            ResponseFields = Fields(r.ResponseFields),
            UserAgent = r.UserAgentProduct,
            ClientTool = r.ClientTool,
        };
    }

    /// <summary>
    /// The connection identity: client and server <c>ip:port</c> and the capture's connection ordinal
    /// (<c>192.0.2.1:40000>10.0.0.9:8080#3</c>) — addresses the record already carries, never anything from a payload.
    /// The ordinal keeps two connections that reused one 4-tuple apart. A call without a known client (HAR) has no
    /// connection identity: its entries' ordinals are not connections.
    /// </summary>
    private static string ConnectionOf(ExchangeRecord r) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{r.Client}>{r.Server}#{r.ConnectionId}");

    private static IReadOnlyList<FieldObservation> Fields(IReadOnlyList<FieldShape> shapes) =>
        shapes.Count == 0 ? [] : shapes.Select(s => new FieldObservation(s.Name, s.Kind)).ToList();

    /// <summary>
    /// <c>192.0.2.1:40000</c> → <c>192.0.2.1</c>; <c>[2001:db8::1]:443</c> → <c>2001:db8::1</c>. The unspecified
    /// address (<c>0.0.0.0</c>, <c>::</c>) is what the sensor reports for a client it does not know — every HAR
    /// entry — and no TCP client can have it: it becomes null, an unknown client, never an external one.
    /// </summary>
    private static string? AddressOf(string endpoint)
    {
        string address;
        if (endpoint.StartsWith('['))
        {
            var close = endpoint.IndexOf(']', StringComparison.Ordinal);
            address = close > 0 ? endpoint[1..close] : endpoint;
        }
        else
        {
            var colon = endpoint.LastIndexOf(':');
            address = colon > 0 && endpoint.IndexOf(':') == colon ? endpoint[..colon] : endpoint;
        }
        return System.Net.IPAddress.TryParse(address, out var ip) &&
               (ip.Equals(System.Net.IPAddress.Any) || ip.Equals(System.Net.IPAddress.IPv6Any)) ? null : address;
    }
}
