using ApiSentinel.Contract;
using ApiSentinel.Sensor.Calls;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Bench.IngestThroughput.Corpus;

/// <summary>
/// The seed material: real captures (samples/demo.pcap and the Zeek reference traces) through the sensor pipeline and
/// <see cref="ExchangeToCall"/>, exactly as the sensor daemon turns packets into calls. Only their structure is used
/// — header and field name lists, media types, auth kinds, sensitive-data observations, status and size mixes.
/// </summary>
internal static class CaptureCalls
{
    public static IReadOnlyList<ApiCall> Load(string repositoryRoot)
    {
        var captures = new List<string> { Path.Combine(repositoryRoot, "samples", "demo.pcap") };
        captures.AddRange(Directory.GetFiles(Path.Combine(repositoryRoot, "tests", "corpus", "zeek-http"), "*.pcap").Order(StringComparer.Ordinal));
        var calls = new List<ApiCall>();
        foreach (var pcap in captures)
        {
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
        }
        if (calls.Count == 0)
        {
            throw new InvalidOperationException("the captures under " + repositoryRoot + " gave no calls");
        }
        return calls;
    }

    /// <summary>The repository root: the first folder above the binaries that holds samples/demo.pcap.</summary>
    public static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "samples", "demo.pcap")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("samples/demo.pcap not found above " + AppContext.BaseDirectory);
    }
}
