using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Reports;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Ingest;
using ApiSentinel.Sensor.Calls;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Collector.Kubernetes.Tests.Resources;

/// <summary>
/// The README's demo: samples/demo.pcap through the sensor pipeline and the wire mapping into a catalog with the
/// published spec (samples/demo-api.openapi.yaml), as <c>apisentinel analyze</c> builds it.
/// </summary>
internal static class DemoCatalog
{
    private static readonly Lazy<CatalogSnapshot> Built = new(Build);

    public static CatalogSnapshot Snapshot => Built.Value;

    public static ClientDirectory Clients { get; } = new(new ExposureClassifier(), null);

    public static string Samples
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

    private static CatalogSnapshot Build()
    {
        var specs = new SpecIndex();
        specs.Add(ApiSpec.Load(Path.Combine(Samples, "demo-api.openapi.yaml")));
        var catalog = new ApiCatalog(new CatalogOptions(), specs);
        var pipeline = new TrafficPipeline(new SensorOptions(), record =>
        {
            if (ExchangeToCall.Map(record) is { } call)
            {
                catalog.Ingest(CallMapping.ThroughWire(call));
            }
        });
        using (var source = CaptureFileSource.Open(Path.Combine(Samples, "demo.pcap")))
        {
            pipeline.Run(source);
        }
        pipeline.Complete();
        return catalog.Build();
    }
}
