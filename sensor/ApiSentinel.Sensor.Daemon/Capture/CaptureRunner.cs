using ApiSentinel.Sensor.Capture;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Sensor.Daemon.Capture;

/// <summary>
/// Runs each <see cref="CapturePipeline"/> on a dedicated thread from <see cref="Start"/> until its sources end
/// (replay) or <see cref="StopAsync"/> (live). Stopping cancels the capture and waits for every pipeline to flush
/// into the upload queue.
/// </summary>
internal sealed class CaptureRunner : IDisposable
{
    private readonly IReadOnlyList<CapturePipeline> _pipelines;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<string?> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _running;
    private bool _started;
    private string? _failure;

    public CaptureRunner(IReadOnlyList<CapturePipeline> pipelines, ILogger<CaptureRunner> logger)
    {
        _pipelines = pipelines;
        _logger = logger;
    }

    public IReadOnlyList<CapturePipeline> Pipelines => _pipelines;

    /// <summary>Every pipeline has ended; the result is the first failure's one-line reason, or null. Never completes
    /// without pipelines (access-log mode has nothing to end).</summary>
    public Task<string?> Completion => _completion.Task;

    /// <summary>Capture started and has not failed (a replay that reached its end still counts; access-log mode has
    /// nothing to capture and counts once started).</summary>
    public bool Running => Volatile.Read(ref _started) && Volatile.Read(ref _failure) is null;

    public void Start()
    {
        Volatile.Write(ref _started, true);
        _running = _pipelines.Count;
        foreach (var pipeline in _pipelines)
        {
            foreach (var live in pipeline.Sources.OfType<LiveCaptureSource>())
            {
                foreach (var warning in live.ConfigurationWarnings)
                {
                    CaptureLog.ConfigurationWarning(_logger, pipeline.Name, warning);
                }
            }
            var thread = new Thread(() => RunOne(pipeline))
            {
                IsBackground = true,
                Name = $"capture {pipeline.Name}",
            };
            thread.Start();
        }
    }

    private void RunOne(CapturePipeline pipeline)
    {
        try
        {
            CaptureLog.Started(_logger, pipeline.Name);
            pipeline.Run(_stop.Token);
            CaptureLog.Ended(_logger, pipeline.Name, pipeline.Pipeline.Statistics.FramesRead, pipeline.Pipeline.Statistics.Extraction.Exchanges);
        }
        catch (CaptureException e)
        {
            CaptureLog.Failed(_logger, pipeline.Name, e.Message);
            Interlocked.CompareExchange(ref _failure, $"capture {pipeline.Name}: {e.Message}", null);
        }
#pragma warning disable CA1031 // An exception on a capture thread would kill the process without a word; it ends the daemon with one line.
        catch (Exception e)
#pragma warning restore CA1031
        {
            CaptureLog.Failed(_logger, pipeline.Name, e.GetType().Name);
            Interlocked.CompareExchange(ref _failure, $"capture {pipeline.Name}: internal error ({e.GetType().Name})", null);
        }
        finally
        {
            if (Interlocked.Decrement(ref _running) == 0)
            {
                _completion.TrySetResult(Volatile.Read(ref _failure));
            }
        }
    }

    /// <summary>Cancels capture and waits (up to <paramref name="timeout"/>) for every pipeline to complete.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_pipelines.Count > 0)
        {
            try
            {
                await Completion.WaitAsync(timeout).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // A capture thread stuck in libpcap; the process exits anyway (background threads).
            }
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        if (Volatile.Read(ref _running) == 0)
        {
            foreach (var pipeline in _pipelines)
            {
                pipeline.Dispose();
            }
        }
    }
}
