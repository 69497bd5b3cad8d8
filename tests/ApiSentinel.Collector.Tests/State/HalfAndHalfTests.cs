using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Contract;
using ApiSentinel.Sensor.Calls;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Collector.Tests.State;

/// <summary>
/// Export, import, ingest on: the result equals one catalog that saw every call — by the state's bytes and by a
/// deep dump of <c>Build()</c> — for the demo capture through the real sensor pipeline and for a generated
/// multi-source, multi-host stream with findings, split at several points, under default and tight bounds.
/// </summary>
public sealed class HalfAndHalfTests
{
    private static readonly Lazy<List<ApiCall>> Generated = new(() => GeneratedTraffic.Calls(seed: 7, count: 3000));

    public static TheoryData<double, bool> Splits => new()
    {
        { 0.0, false }, { 0.001, false }, { 0.21, false }, { 0.5, false }, { 0.77, false }, { 1.0, false },
        { 0.0, true }, { 0.001, true }, { 0.21, true }, { 0.5, true }, { 0.77, true }, { 1.0, true },
    };

    [Theory]
    [MemberData(nameof(Splits))]
    public void Generated_stream_resumes_exactly(double at, bool tightBounds)
    {
        var calls = Generated.Value;
        StateHarness.AssertHalfAndHalf(calls, (int)(calls.Count * at), () => StateHarness.Options(tightBounds));
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(0.6)]
    public void Resumes_exactly_when_both_built_at_the_split(double at)
    {
        var calls = Generated.Value;
        StateHarness.AssertHalfAndHalf(calls, (int)(calls.Count * at), () => StateHarness.Options(), buildAtSplit: true);
    }

    [Fact]
    public void The_generated_stream_exercises_every_kind_of_finding_and_bound()
    {
        var catalog = StateHarness.Ingest(Generated.Value, StateHarness.Options());
        var snapshot = catalog.Build();
        var kinds = snapshot.Findings.Select(f => f.Kind).ToHashSet();
        Assert.Contains(FindingKinds.Scanner, kinds);
        Assert.Contains(FindingKinds.Enumeration, kinds);
        Assert.Contains(FindingKinds.AuthFailureBurst, kinds);
        Assert.True(snapshot.Counters.EndpointsMerged > 0, "templates should settle late so endpoints merge");

        var tight = StateHarness.Ingest(Generated.Value, StateHarness.Options(tightBounds: true));
        var tightSnapshot = tight.Build();
        Assert.True(tightSnapshot.Counters.HostOverflowCalls > 0);
        Assert.True(tightSnapshot.Counters.EndpointOverflowCalls + tightSnapshot.Counters.MethodOverflowCalls > 0);
        Assert.Contains(tightSnapshot.Endpoints.Concat(tightSnapshot.ProbedPaths), e => e.Clients.Evicted > 0);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void Demo_capture_through_the_sensor_pipeline_resumes_exactly(double at)
    {
        var calls = DemoCalls.Value;
        Assert.True(calls.Count > 20, $"demo.pcap gave {calls.Count} calls");
        StateHarness.AssertHalfAndHalf(calls, (int)(calls.Count * at), () => StateHarness.Options());
    }

    [Fact]
    public void Demo_capture_with_its_spec_resumes_exactly()
    {
        var calls = DemoCalls.Value;
        var specs = new SpecIndex();
        specs.Add(ApiSpec.Load(Path.Combine(Samples, "demo-api.openapi.yaml")));
        StateHarness.AssertHalfAndHalf(calls, calls.Count / 2, () => StateHarness.Options(), specs);
    }

    private static readonly Lazy<List<ApiCall>> DemoCalls = new(() =>
    {
        var calls = new List<ApiCall>();
        var pipeline = new TrafficPipeline(new SensorOptions(), record =>
        {
            if (ExchangeToCall.Map(record) is { } call)
            {
                calls.Add(call);
            }
        });
        using (var source = CaptureFileSource.Open(Path.Combine(Samples, "demo.pcap")))
        {
            pipeline.Run(source);
        }
        pipeline.Complete();
        return calls;
    });

    private static string Samples
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var samples = Path.Combine(dir.FullName, "samples");
                if (File.Exists(Path.Combine(samples, "demo.pcap")))
                {
                    return samples;
                }
            }
            throw new DirectoryNotFoundException("samples/demo.pcap not found above the test binaries");
        }
    }
}
