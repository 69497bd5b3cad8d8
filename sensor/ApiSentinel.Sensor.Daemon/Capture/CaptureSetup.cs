using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Daemon.Configuration;
using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Sensor.Daemon.Capture;

/// <summary>
/// Opens what the settings ask to capture from, at start-up so an unknown interface or an unreadable capture file is
/// a start-up error (<see cref="CaptureException"/>, one line): live, one pipeline per interface (libpcap's
/// <c>any</c> is one device); replay, one pipeline reading the files one after the other.
/// </summary>
internal static class CaptureSetup
{
    /// <param name="settings">What to capture.</param>
    /// <param name="extraction">Shared by every pipeline (and the ALS input), so one credential has one fingerprint
    /// whichever interface saw it.</param>
    /// <param name="emit">Receives every record, on the pipelines' threads.</param>
    /// <param name="time">Live capture's clock ticks; replay pacing.</param>
    public static IReadOnlyList<CapturePipeline> Open(DaemonSettings settings, ExtractionOptions extraction, Action<ExchangeRecord> emit,
        TimeProvider time)
    {
        var pipelines = new List<CapturePipeline>();
        var opened = new List<ICaptureSource>();
        try
        {
            switch (settings.Mode)
            {
                case CaptureMode.Live:
                    foreach (var device in settings.Interfaces)
                    {
                        // The source ticks the pipeline's clock (IClockedFrameSink) even when no packet arrives, so
                        // quiet connections expire and the order-wait bound applies on time.
                        var source = new LiveCaptureSource(new LiveCaptureOptions
                        {
                            Device = device,
                            Filter = settings.Filter,
                            BufferTimeoutMilliseconds = settings.CaptureHoldMilliseconds,
                        }, time);
                        opened.Add(source);
                        var options = PipelineOptions(settings, extraction);
                        options.MaxOrderWaitMicros = SensorOptions.LiveMaxOrderWaitMicros;
                        pipelines.Add(new CapturePipeline(device, new TrafficPipeline(options, emit), [source]));
                    }
                    break;
                case CaptureMode.Replay:
                    foreach (var file in settings.PcapFiles)
                    {
                        opened.Add(CaptureFileSource.Open(file));
                    }
                    Func<IFrameSink, CancellationToken, IFrameSink>? pace = settings.ReplaySpeed > 0
                        ? (sink, cancellationToken) => new ReplayPacer(sink, settings.ReplaySpeed, time, wait => cancellationToken.WaitHandle.WaitOne(wait))
                        : null;
                    pipelines.Add(new CapturePipeline("replay", new TrafficPipeline(PipelineOptions(settings, extraction), emit), [.. opened], pace));
                    break;
            }
            return pipelines;
        }
        catch
        {
            foreach (var source in opened)
            {
                source.Dispose();
            }
            throw;
        }
    }

    private static SensorOptions PipelineOptions(DaemonSettings settings, ExtractionOptions extraction)
    {
        // Replay keeps the library's file defaults (order bound by count only): capture time there is not wall time.
        var options = new SensorOptions { Extraction = extraction };
        if (settings.BodyLimit is { } limit)
        {
            options.Http.BodyInspectionLimit = limit;
        }
        return options;
    }
}
