using ApiSentinel.Contract;
using ApiSentinel.Ingest.Interning;
using ApiSentinel.Ingest.Tests.Mapping;
using ApiSentinel.Ingest.V1Alpha1;
using Google.Protobuf;

namespace ApiSentinel.Ingest.Tests.Interning;

/// <summary>
/// <see cref="CallMapping.FromWire(Call, string, WireInterner)"/> gives exactly what the plain mapping gives, shares
/// the repeated names between calls, and leaves per-call values alone; the catalog built through it on real captures
/// equals the embedded one.
/// </summary>
public sealed class InternedMappingTests
{
    [Fact]
    public void The_interned_mapping_equals_the_plain_one_property_for_property()
    {
        var wire = Call.Parser.ParseFrom(CallMapping.ToWire(CallMappingTests.FullCall()).ToByteArray());
        CallMappingTests.AssertSameProperties(CallMapping.FromWire(wire, "sensor-b"), CallMapping.FromWire(wire, "sensor-b", new WireInterner()));
    }

    [Fact]
    public void Absent_optionals_stay_absent_through_the_interned_mapping()
    {
        var call = new ApiCall { Server = "192.0.2.2:80", Host = "api", Method = "GET", Path = "/" };
        var wire = Call.Parser.ParseFrom(CallMapping.ToWire(call).ToByteArray());
        var back = CallMapping.FromWire(wire, "s", new WireInterner());
        CallMappingTests.AssertSameProperties(CallMapping.FromWire(wire, "s"), back);
        Assert.Null(back.AuthLocation);
        Assert.Null(back.UserAgent);
        Assert.Null(back.RequestContentType);
    }

    [Fact]
    public void Names_repeated_across_messages_are_shared_and_per_call_values_are_not_interned()
    {
        var names = new WireInterner();
        var bytes = CallMapping.ToWire(CallMappingTests.FullCall()).ToByteArray();
        var a = CallMapping.FromWire(Call.Parser.ParseFrom(bytes), "s", names);
        var b = CallMapping.FromWire(Call.Parser.ParseFrom(bytes), "s", names);

        Assert.Same(a.Host, b.Host);
        Assert.Same(a.Method, b.Method);
        Assert.Same(a.Server, b.Server);
        Assert.Same(a.RequestHeaders[1], b.RequestHeaders[1]);
        Assert.Same(a.ResponseFields[0].Name, b.ResponseFields[0].Name);
        Assert.Same(a.Query[0].Kind, b.Query[0].Kind);
        Assert.Same(a.Sensitive[0].Location, b.Sensitive[0].Location);
        Assert.Same(a.ResponseContentType, b.ResponseContentType);
        Assert.Same(a.UserAgent, b.UserAgent);
        // The same name in two roles is one instance too.
        Assert.Same(a.RequestHeaders[1], a.ResponseHeaders[0]);

        Assert.NotSame(a.Path, b.Path);
        Assert.NotSame(a.ClientAddress, b.ClientAddress);
        Assert.NotSame(a.CredentialFingerprint, b.CredentialFingerprint);
        Assert.NotSame(a.Connection, b.Connection);
    }

    [Theory]
    [MemberData(nameof(EmbeddedEqualsWireTests.Captures), MemberType = typeof(EmbeddedEqualsWireTests))]
    public void The_catalog_through_the_interned_mapping_equals_the_embedded_one(string pcap)
    {
        var calls = EmbeddedEqualsWireTests.CallsOf(pcap);
        var embedded = EmbeddedEqualsWireTests.NewCatalog();
        calls.ForEach(embedded.Ingest);

        // A small interner, so the captures also run through rotations and promotions.
        var names = new WireInterner(capacity: 16);
        var networked = EmbeddedEqualsWireTests.NewCatalog();
        foreach (var chunk in calls.Chunk(97))
        {
            var batch = new CallBatch();
            batch.Calls.AddRange(chunk.Select(CallMapping.ToWire));
            foreach (var wire in CallBatch.Parser.ParseFrom(batch.ToByteArray()).Calls)
            {
                networked.Ingest(CallMapping.FromWire(wire, ApiCall.EmbeddedSource, names));
            }
        }

        EmbeddedEqualsWireTests.AssertSameCatalog(embedded.Build(), networked.Build());
    }
}
