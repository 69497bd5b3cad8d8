using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Daemon.Upload;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Sensor.Daemon.Capture;

/// <summary>Applies the collector's SensorConfig to every capture pipeline.</summary>
internal sealed partial class PipelineReconfigurer : ISensorConfigHandler
{
    private readonly IReadOnlyList<CapturePipeline> _pipelines;
    private readonly ILogger _logger;

    public PipelineReconfigurer(IReadOnlyList<CapturePipeline> pipelines, ILogger<PipelineReconfigurer> logger)
    {
        _pipelines = pipelines;
        _logger = logger;
    }

    public IReadOnlyList<string> Capabilities => [];

    public void Apply(SensorConfig config)
    {
        if (_pipelines.Count >= 0)
        {
            NotApplied(_logger, config.Version);
        }
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "configuration version {Version} received; this sensor build cannot apply run-time settings")]
    private static partial void NotApplied(ILogger logger, ulong version);
}
