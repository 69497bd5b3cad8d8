using ApiSentinel.Ingest;
using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.AccessLogs;
using ApiSentinel.Sensor.Daemon.Configuration;
using ApiSentinel.Sensor.Daemon.Upload;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Sensor.Daemon.Capture;

/// <summary>
/// Applies the collector's SensorConfig without restart: mapped to run-time settings and handed to every capture
/// pipeline (<c>TrafficPipeline.Reconfigure</c> is safe from this thread; each pipeline applies it at its next frame
/// or clock tick) and to the access-log input (<see cref="AccessLogIngestService.Reconfigure"/>, before its next
/// message), and the scope's namespace/workload labels to the call sink. A config with problems is applied
/// nowhere; each problem is logged as one line and the rejection counted.
/// </summary>
/// <remarks>
/// Pipelines first: they validate the same settings with the same code as the access-log input, plus a bound of
/// their own (the inspection pool), so what they accept the access-log input accepts too, and a refusal leaves
/// nothing applied anywhere.
/// </remarks>
internal sealed partial class PipelineReconfigurer : ISensorConfigHandler
{
    private readonly IReadOnlyList<CapturePipeline> _pipelines;
    private readonly AccessLogIngestService? _accessLogs;
    private readonly CallSink _sink;
    private readonly UploadCounters _counters;
    private readonly ILogger _logger;

    /// <param name="pipelines">The capture pipelines (none in access-log mode).</param>
    /// <param name="accessLogs">The access-log input; null without --als-listen.</param>
    /// <param name="sink">Takes the scope's labels.</param>
    /// <param name="counters">Counts rejections.</param>
    /// <param name="logger">One line per applied or rejected config.</param>
    public PipelineReconfigurer(IReadOnlyList<CapturePipeline> pipelines, AccessLogIngestService? accessLogs, CallSink sink,
        UploadCounters counters, ILogger<PipelineReconfigurer> logger)
    {
        _pipelines = pipelines;
        _accessLogs = accessLogs;
        _sink = sink;
        _counters = counters;
        _logger = logger;
    }

    /// <summary>Scope, detectors, sampling and body limit act on packet capture and on access logs alike.</summary>
    public IReadOnlyList<string> Capabilities => _pipelines.Count == 0 && _accessLogs is null
        ? []
        : [SensorCapabilities.CaptureScope, SensorCapabilities.CustomDetectors, SensorCapabilities.Sampling, SensorCapabilities.BodyLimit];

    public void Apply(SensorConfig config)
    {
        var problems = new List<string>();
        try
        {
            var settings = RuntimeSettingsMapping.Map(config, problems);
            if (problems.Count == 0)
            {
                // Every pipeline validates the same settings the same way: the first refusal is everyone's.
                foreach (var pipeline in _pipelines)
                {
                    var refused = pipeline.Pipeline.Reconfigure(settings);
                    if (refused.Count > 0)
                    {
                        problems.AddRange(refused);
                        break;
                    }
                }
            }
            if (problems.Count == 0 && _accessLogs is not null)
            {
                problems.AddRange(_accessLogs.Reconfigure(settings));
            }
        }
#pragma warning disable CA1031 // A config the library chokes on is one more rejected config, not a dead stream (the collector would push it again).
        catch (Exception e)
#pragma warning restore CA1031
        {
            problems.Add($"internal error applying it ({e.GetType().Name})");
        }
        if (problems.Count > 0)
        {
            foreach (var problem in problems)
            {
                Rejected(_logger, config.Version, problem);
            }
            _counters.AddConfigurationRejected(); // after the lines are handed to the (asynchronous) logger
            return;
        }
        _sink.SetLabels(WorkloadLabels.From(config.Scope));
        if (_pipelines.Count == 0 && _accessLogs is null)
        {
            LabelsOnly(_logger, config.Version);
            return;
        }
        Applied(_logger, config.Version, config.Scope?.Targets.Count ?? -1, config.Detectors.Count,
            config.HasSamplingRate ? config.SamplingRate : 1.0, config.HasBodyInspectionLimit ? config.BodyInspectionLimit : 0);
    }

    [LoggerMessage(EventId = 210, Level = LogLevel.Information,
        Message = "configuration version {Version} applied (scope targets {Targets}, -1 = everything; detectors {Detectors}; sampling {SamplingRate}; body limit {BodyLimit}, 0 = the sensor's own)")]
    private static partial void Applied(ILogger logger, ulong version, int targets, int detectors, double samplingRate, uint bodyLimit);

    [LoggerMessage(EventId = 211, Level = LogLevel.Warning, Message = "configuration version {Version} rejected, nothing applied: {Problem}")]
    private static partial void Rejected(ILogger logger, ulong version, string problem);

    [LoggerMessage(EventId = 212, Level = LogLevel.Information,
        Message = "configuration version {Version}: only its workload labels apply (no capture or access-log input to apply the rest to)")]
    private static partial void LabelsOnly(ILogger logger, ulong version);
}
