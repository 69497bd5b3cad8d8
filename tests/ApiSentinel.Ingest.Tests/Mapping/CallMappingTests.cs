using System.Reflection;
using ApiSentinel.Contract;
using ApiSentinel.Ingest.V1Alpha1;
using Google.Protobuf;

namespace ApiSentinel.Ingest.Tests.Mapping;

/// <summary>
/// The wire message carries exactly the fields of <see cref="ApiCall"/>: every property survives the trip through the
/// encoded bytes, absent optionals stay absent, and neither side can gain a field the other lacks unnoticed.
/// </summary>
public sealed class CallMappingTests
{
    [Fact]
    public void Every_property_survives_the_encoded_message()
    {
        var call = FullCall();
        var back = CallMapping.FromWire(Call.Parser.ParseFrom(CallMapping.ToWire(call).ToByteArray()));
        AssertSameProperties(call, back);
    }

    [Fact]
    public void Absent_optionals_stay_absent_not_empty_or_zero()
    {
        var call = new ApiCall { Server = "192.0.2.2:80", Host = "api", Method = "GET", Path = "/" };
        var wire = CallMapping.ToWire(call);
        Assert.False(wire.HasStatus);
        Assert.False(wire.HasClientAddress);
        Assert.False(wire.HasRequestBytes);
        var back = CallMapping.FromWire(Call.Parser.ParseFrom(wire.ToByteArray()));
        AssertSameProperties(call, back);
        Assert.Null(back.Status);
        Assert.Null(back.ClientAddress);
        Assert.Null(back.AuthLocation);
    }

    [Fact]
    public void Zero_and_empty_values_are_not_confused_with_absent_ones()
    {
        var call = new ApiCall
        {
            Server = "192.0.2.2:80", Host = "api", Method = "GET", Path = "/", Status = 0, RequestBytes = 0,
            ResponseBytes = 0, DurationMicros = 0, AuthLocation = "", UserAgent = "",
        };
        AssertSameProperties(call, CallMapping.FromWire(Call.Parser.ParseFrom(CallMapping.ToWire(call).ToByteArray())));
    }

    [Fact]
    public void The_collector_attributes_calls_to_the_stream_not_to_the_message()
    {
        var wire = CallMapping.ToWire(FullCall());
        Assert.Equal("sensor-b", CallMapping.FromWire(wire, source: "sensor-b").Source);
        Assert.Equal("sensor-a", CallMapping.FromWire(wire).Source);
    }

    [Fact]
    public void A_transport_value_this_build_does_not_know_is_unknown_never_clear_text()
    {
        var wire = CallMapping.ToWire(FullCall());
        wire.Transport = (V1Alpha1.Transport)7;
        Assert.Equal(Contract.Transport.Unknown, CallMapping.FromWire(wire).Transport);
    }

    /// <summary>
    /// Tripwire: a property added to <see cref="ApiCall"/> without a wire field (or the reverse) fails here, so the
    /// contract and the message cannot drift. Names are compared after snake_case conversion.
    /// </summary>
    [Fact]
    public void The_message_and_the_contract_have_the_same_fields()
    {
        var properties = typeof(ApiCall).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => SnakeCase(p.Name)).Order(StringComparer.Ordinal).ToList();
        var fields = Call.Descriptor.Fields.InFieldNumberOrder().Select(f => f.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(properties, fields);
    }

    [Fact]
    public void The_full_call_sets_every_property_so_the_round_trip_test_covers_them_all()
    {
        var call = FullCall();
        var empty = new ApiCall { Server = "", Host = "", Method = "", Path = "" };
        foreach (var p in typeof(ApiCall).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Assert.False(Equals(Render(p.GetValue(call)), Render(p.GetValue(empty))), $"FullCall leaves {p.Name} at its default");
        }
    }

    internal static ApiCall FullCall() => new()
    {
        TimestampMicros = 1_700_000_000_123_456,
        Source = "sensor-a",
        Connection = "192.0.2.1:40000>192.0.2.2:80#3",
        Transport = Contract.Transport.Tls,
        Namespace = "shop",
        Workload = "deployment/orders",
        ClientAddress = "192.0.2.1",
        Server = "192.0.2.2:80",
        Host = "api.example.test",
        Method = "POST",
        Path = "/v1/orders/REDACTED",
        Query = [new("limit", "integer"), new("q", "string")],
        Status = 201,
        RequestBytes = 321,
        ResponseBytes = 0,
        DurationMicros = 1500,
        Auth = AuthKinds.Jwt,
        AuthLocation = "header:authorization",
        JwtAlgorithm = "RS256",
        CredentialFingerprint = "fp:0123456789abcdef",
        Sensitive = [new("payment-card", "request.body.$.card", 2, "4111********1111"), new("us-ssn", "response.body.$.ssn", 1)],
        RequestContentType = "application/json",
        ResponseContentType = "application/problem+json",
        ResourceType = "fetch",
        RequestHeaders = ["authorization", "content-type"],
        ResponseHeaders = ["content-type", "etag"],
        RequestFields = [new("$.card", "string"), new("$.items[*].sku", "string")],
        ResponseFields = [new("$.id", "uuid")],
        UserAgent = "curl",
        ClientTool = "sqlmap",
    };

    internal static void AssertSameProperties(ApiCall expected, ApiCall actual)
    {
        foreach (var p in typeof(ApiCall).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            Assert.True(Render(p.GetValue(expected)) == Render(p.GetValue(actual)),
                $"{p.Name}: expected {Render(p.GetValue(expected))}, got {Render(p.GetValue(actual))}");
        }
    }

    /// <summary>A value as text, lists element by element (records print their fields), null as "null".</summary>
    private static string Render(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        System.Collections.IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Render)) + "]",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "null",
    };

    private static string SnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
