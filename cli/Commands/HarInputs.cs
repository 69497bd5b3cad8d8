using ApiSentinel.Sensor.Har;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Cli.Commands;

/// <summary>
/// HAR files into a pipeline, the same way for every command: each entry goes to the pipeline's exchange
/// extractor — the privacy boundary packets go through — so <c>exchanges --har</c> and <c>analyze --har</c>
/// see exactly the same records.
/// </summary>
internal static class HarInputs
{
    public static void Run(TrafficPipeline pipeline, IReadOnlyList<string> files, Http1Options options, InputsRead tally)
    {
        foreach (var file in files)
        {
            var source = new HarFileSource(file, options);
            pipeline.Run(source);
            tally.AddHar(source.Entries, source.SkippedEntries, new FileInfo(file).Length, source.Path, source.Damage);
        }
    }
}
