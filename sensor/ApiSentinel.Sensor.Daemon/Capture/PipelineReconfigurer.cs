using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Daemon.Upload;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Sensor.Daemon.Capture;

/// <summary>Applies the collector's SensorConfig to every capture pipeline.</summary>
internal sealed partial class PipelineReconfigurer : ISensorConfigHandler
{
    private readonly ILogger _logger;

    public PipelineReconfigurer(ILogger<PipelineReconfigurer> logger)
    {
        _logger = logger;
    }

    public IReadOnlyList<string> Capabilities => [];

    public void Apply(SensorConfig config) => NotApplied(_logger, config.Version);

    [LoggerMessage(EventId = 210, Level = LogLevel.Warning, Message = "configuration version {Version} received; this sensor build cannot apply run-time settings")]
    private static partial void NotApplied(ILogger logger, ulong version);
}
