using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Sensor.Daemon.Capture;

/// <summary>
/// One <see cref="TrafficPipeline"/> and the sources that feed it, run on one dedicated thread (the pipeline is
/// single-threaded): each source to its end (or cancellation), then <see cref="TrafficPipeline.Complete"/>, which
/// flushes what is still open into the upload queue.
/// </summary>
internal sealed class CapturePipeline : IDisposable
{
    private readonly IReadOnlyList<ICaptureSource> _sources;
    private readonly Func<IFrameSink, CancellationToken, IFrameSink>? _wrap;

    /// <param name="name">For the thread name and messages: the interface, or "replay".</param>
    /// <param name="pipeline">The pipeline, owned by this object's thread once <see cref="Run"/> starts.</param>
    /// <param name="sources">Read in order.</param>
    /// <param name="wrap">Puts a sink in front of the pipeline (replay pacing); null: frames go straight in.</param>
    public CapturePipeline(string name, TrafficPipeline pipeline, IReadOnlyList<ICaptureSource> sources,
        Func<IFrameSink, CancellationToken, IFrameSink>? wrap = null)
    {
        Name = name;
        Pipeline = pipeline;
        _sources = sources;
        _wrap = wrap;
        // Registered before the thread starts: the statistics list is read by the metrics thread, never resized later.
        foreach (var source in sources)
        {
            pipeline.Statistics.Sources.Add(source.Statistics);
        }
    }

    public string Name { get; }

    public TrafficPipeline Pipeline { get; }

    public IReadOnlyList<ICaptureSource> Sources => _sources;

    public IReadOnlyList<CaptureStatistics> SourceStatistics => Pipeline.Statistics.Sources;

    /// <summary>Runs on the calling thread until the sources end or <paramref name="cancellationToken"/> fires.</summary>
    public void Run(CancellationToken cancellationToken)
    {
        IFrameSink sink = _wrap is null ? Pipeline : _wrap(Pipeline, cancellationToken);
        try
        {
            foreach (var source in _sources)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
                source.Run(sink, cancellationToken);
            }
        }
        finally
        {
            Pipeline.Complete();
        }
    }

    public void Dispose()
    {
        foreach (var source in _sources)
        {
            source.Dispose();
        }
    }
}
