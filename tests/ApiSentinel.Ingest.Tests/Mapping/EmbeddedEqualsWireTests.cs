using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Contract;
using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Calls;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Pipeline;
using Google.Protobuf;

namespace ApiSentinel.Ingest.Tests.Mapping;

/// <summary>
/// The catalog the embedded CLI builds equals the one built from the same capture's calls after they crossed the wire
/// as encoded <see cref="CallBatch"/> messages: same endpoints with the same content (change markers cover every
/// aggregate), same findings, same totals. Real captures: the demo sample with its spec, and the Zeek traces.
/// </summary>
public sealed class EmbeddedEqualsWireTests
{
    public static TheoryData<string> Captures()
    {
        var data = new TheoryData<string> { Path.Combine(Repository.Root, "samples", "demo.pcap") };
        foreach (var pcap in Directory.GetFiles(Path.Combine(Repository.Root, "tests", "corpus", "zeek-http"), "*.pcap").Order(StringComparer.Ordinal))
        {
            data.Add(pcap);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void The_catalog_through_encoded_batches_equals_the_embedded_one(string pcap)
    {
        // Some Zeek traces hold no calls (a CONNECT tunnel, HTTP/0.9 only): they must still give equal, empty catalogs.
        var calls = CallsOf(pcap);

        var embedded = NewCatalog();
        foreach (var call in calls)
        {
            embedded.Ingest(call);
        }

        var networked = NewCatalog();
        ulong sequence = 0;
        foreach (var chunk in calls.Chunk(97))
        {
            var batch = new CallBatch { Sequence = ++sequence };
            batch.Calls.AddRange(chunk.Select(CallMapping.ToWire));
            var received = CallBatch.Parser.ParseFrom(batch.ToByteArray());
            foreach (var wire in received.Calls)
            {
                networked.Ingest(CallMapping.FromWire(wire));
            }
        }

        AssertSameCatalog(embedded.Build(), networked.Build());
    }

    [Fact]
    public void The_comparison_has_something_to_compare()
    {
        var calls = CallsOf(Path.Combine(Repository.Root, "samples", "demo.pcap"));
        Assert.True(calls.Count > 20, $"demo.pcap gave {calls.Count} calls");
        var catalog = NewCatalog();
        calls.ForEach(catalog.Ingest);
        var snapshot = catalog.Build();
        Assert.True(snapshot.Endpoints.Count > 5);
        Assert.NotEmpty(snapshot.Findings);
        Assert.Contains(calls, c => c.Sensitive.Count > 0);
        Assert.Contains(calls, c => c.Auth != AuthKinds.None);
    }

    internal static void AssertSameCatalog(CatalogSnapshot expected, CatalogSnapshot actual)
    {
        Assert.Equal(Markers(expected.Endpoints), Markers(actual.Endpoints));
        Assert.Equal(Markers(expected.ProbedPaths), Markers(actual.ProbedPaths));
        Assert.Equal(Markers(expected.StaticAssets), Markers(actual.StaticAssets));
        Assert.Equal(expected.Findings.Select(Describe), actual.Findings.Select(Describe));
        Assert.Equal(expected.UnusedSpecOperations.Count, actual.UnusedSpecOperations.Count);
        Assert.Equal(expected.Counters.ToString(), actual.Counters.ToString());
    }

    private static List<string> Markers(IReadOnlyList<EndpointSnapshot> endpoints) =>
        endpoints.Select(e => e.Identity + " " + e.ChangeMarker).ToList();

    private static string Describe(Collector.Findings.Finding f) =>
        $"{f.Kind} {f.Severity} {f.Client} {f.FromMicros}-{f.ToMicros} {f.Summary} " +
        string.Join(",", f.Evidence.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));

    internal static ApiCatalog NewCatalog()
    {
        var specs = new SpecIndex();
        specs.Add(ApiSpec.Load(Path.Combine(Repository.Root, "samples", "demo-api.openapi.yaml")));
        return new ApiCatalog(new CatalogOptions(), specs);
    }

    internal static List<ApiCall> CallsOf(string pcap)
    {
        var calls = new List<ApiCall>();
        var pipeline = new TrafficPipeline(new SensorOptions(), record =>
        {
            if (ExchangeToCall.Map(record) is { } call)
            {
                calls.Add(call);
            }
        });
        using (var source = CaptureFileSource.Open(pcap))
        {
            pipeline.Run(source);
        }
        pipeline.Complete();
        return calls;
    }
}
