using ApiSentinel.Contract;
using ApiSentinel.Ingest.Interning;
using ApiSentinel.Ingest.V1Alpha1;
using WireField = ApiSentinel.Ingest.V1Alpha1.FieldObservation;
using WireSensitive = ApiSentinel.Ingest.V1Alpha1.SensitiveObservation;
using WireTransport = ApiSentinel.Ingest.V1Alpha1.Transport;

namespace ApiSentinel.Ingest;

/// <summary>
/// <see cref="ApiCall"/> ↔ wire <see cref="Call"/>, field for field, in one place: the sensor daemon sends what
/// <see cref="ToWire"/> makes, the collector ingests what <see cref="FromWire"/> makes, and embedded mode goes through
/// both, so the two modes cannot drift. A test fails when <see cref="ApiCall"/> gains a property this mapping misses.
/// </summary>
public static partial class CallMapping
{
    public static Call ToWire(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var wire = new Call
        {
            TimestampMicros = call.TimestampMicros,
            Source = call.Source,
            Transport = ToWire(call.Transport),
            Namespace = call.Namespace,
            Workload = call.Workload,
            Server = call.Server,
            Host = call.Host,
            Method = call.Method,
            Path = call.Path,
            Auth = call.Auth,
        };
        // proto3 `optional`: an absent value must stay absent (null), not become "" or 0.
        if (call.Connection is { } connection)
        {
            wire.Connection = connection;
        }
        if (call.ClientAddress is { } client)
        {
            wire.ClientAddress = client;
        }
        if (call.Status is { } status)
        {
            wire.Status = status;
        }
        if (call.RequestBytes is { } requestBytes)
        {
            wire.RequestBytes = requestBytes;
        }
        if (call.ResponseBytes is { } responseBytes)
        {
            wire.ResponseBytes = responseBytes;
        }
        if (call.DurationMicros is { } duration)
        {
            wire.DurationMicros = duration;
        }
        if (call.AuthLocation is { } authLocation)
        {
            wire.AuthLocation = authLocation;
        }
        if (call.JwtAlgorithm is { } jwtAlgorithm)
        {
            wire.JwtAlgorithm = jwtAlgorithm;
        }
        if (call.CredentialFingerprint is { } fingerprint)
        {
            wire.CredentialFingerprint = fingerprint;
        }
        if (call.RequestContentType is { } requestType)
        {
            wire.RequestContentType = requestType;
        }
        if (call.ResponseContentType is { } responseType)
        {
            wire.ResponseContentType = responseType;
        }
        if (call.ResourceType is { } resourceType)
        {
            wire.ResourceType = resourceType;
        }
        if (call.UserAgent is { } userAgent)
        {
            wire.UserAgent = userAgent;
        }
        if (call.ClientTool is { } clientTool)
        {
            wire.ClientTool = clientTool;
        }
        AddFields(wire.Query, call.Query);
        AddFields(wire.RequestFields, call.RequestFields);
        AddFields(wire.ResponseFields, call.ResponseFields);
        wire.RequestHeaders.AddRange(call.RequestHeaders);
        wire.ResponseHeaders.AddRange(call.ResponseHeaders);
        foreach (var s in call.Sensitive)
        {
            var observation = new WireSensitive { Type = s.Type, Location = s.Location, Count = s.Count };
            if (s.MaskedSample is { } sample)
            {
                observation.MaskedSample = sample;
            }
            wire.Sensitive.Add(observation);
        }
        return wire;
    }

    /// <summary>The call a wire message carries.</summary>
    /// <param name="wire">The message as decoded.</param>
    /// <param name="source">When set, replaces the message's own source: the collector attributes calls to the
    /// stream's authenticated sensor, never to what a message claims.</param>
    public static ApiCall FromWire(Call wire, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(wire);
        return Map(wire, source ?? wire.Source, names: null);
    }

    // The one wire → ApiCall mapping; with `names`, the strings that repeat across calls come out interned
    // (CallMapping.Interned.cs says which and why).
    private static ApiCall Map(Call wire, string source, WireInterner? names) => new()
    {
        TimestampMicros = wire.TimestampMicros,
        Source = source,
        Connection = wire.HasConnection ? wire.Connection : null,
        Transport = FromWire(wire.Transport),
        Namespace = Name(names, wire.Namespace),
        Workload = Name(names, wire.Workload),
        ClientAddress = wire.HasClientAddress ? wire.ClientAddress : null,
        Server = Name(names, wire.Server),
        Host = Name(names, wire.Host),
        Method = Name(names, wire.Method),
        Path = wire.Path,
        Query = Fields(wire.Query, names),
        Status = wire.HasStatus ? wire.Status : null,
        RequestBytes = wire.HasRequestBytes ? wire.RequestBytes : null,
        ResponseBytes = wire.HasResponseBytes ? wire.ResponseBytes : null,
        DurationMicros = wire.HasDurationMicros ? wire.DurationMicros : null,
        Auth = Name(names, wire.Auth),
        AuthLocation = wire.HasAuthLocation ? Name(names, wire.AuthLocation) : null,
        JwtAlgorithm = wire.HasJwtAlgorithm ? Name(names, wire.JwtAlgorithm) : null,
        CredentialFingerprint = wire.HasCredentialFingerprint ? wire.CredentialFingerprint : null,
        Sensitive = wire.Sensitive.Count == 0 ? [] : wire.Sensitive
            .Select(s => new Contract.SensitiveObservation(Name(names, s.Type), Name(names, s.Location), s.Count, s.HasMaskedSample ? s.MaskedSample : null))
            .ToList(),
        RequestContentType = wire.HasRequestContentType ? Name(names, wire.RequestContentType) : null,
        ResponseContentType = wire.HasResponseContentType ? Name(names, wire.ResponseContentType) : null,
        ResourceType = wire.HasResourceType ? Name(names, wire.ResourceType) : null,
        RequestHeaders = Names(wire.RequestHeaders, names),
        ResponseHeaders = Names(wire.ResponseHeaders, names),
        RequestFields = Fields(wire.RequestFields, names),
        ResponseFields = Fields(wire.ResponseFields, names),
        UserAgent = wire.HasUserAgent ? Name(names, wire.UserAgent) : null,
        ClientTool = wire.HasClientTool ? Name(names, wire.ClientTool) : null,
    };

    /// <summary>Embedded mode's path: the call as the collector would receive it over the wire.</summary>
    public static ApiCall ThroughWire(ApiCall call) => FromWire(ToWire(call));

    private static void AddFields(Google.Protobuf.Collections.RepeatedField<WireField> target, IReadOnlyList<Contract.FieldObservation> fields)
    {
        foreach (var f in fields)
        {
            target.Add(new WireField { Name = f.Name, Kind = f.Kind });
        }
    }

    private static IReadOnlyList<Contract.FieldObservation> Fields(Google.Protobuf.Collections.RepeatedField<WireField> fields, WireInterner? names) =>
        fields.Count == 0 ? [] : fields.Select(f => new Contract.FieldObservation(Name(names, f.Name), Name(names, f.Kind))).ToList();

    private static IReadOnlyList<string> Names(Google.Protobuf.Collections.RepeatedField<string> wire, WireInterner? names)
    {
        if (wire.Count == 0)
        {
            return [];
        }
        var list = new string[wire.Count];
        for (var i = 0; i < list.Length; i++)
        {
            list[i] = Name(names, wire[i]);
        }
        return list;
    }

    private static string Name(WireInterner? names, string value) => names is null ? value : names.Intern(value);

    private static WireTransport ToWire(Contract.Transport transport) => transport switch
    {
        Contract.Transport.Plaintext => WireTransport.Plaintext,
        Contract.Transport.Tls => WireTransport.Tls,
        _ => WireTransport.Unknown,
    };

    private static Contract.Transport FromWire(WireTransport transport) => transport switch
    {
        WireTransport.Plaintext => Contract.Transport.Plaintext,
        WireTransport.Tls => Contract.Transport.Tls,
        // A value a newer sensor added that this collector does not know is unknown, never clear text.
        _ => Contract.Transport.Unknown,
    };
}
