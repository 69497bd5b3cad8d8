using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ApiSentinel.Sensor.Daemon.Metrics;

/// <summary>
/// Logs every counter as one structured line every <c>--log-interval-seconds</c> (and once at stop), so a sensor
/// without a Prometheus scraper still shows what it captured, sent and dropped.
/// </summary>
internal sealed class CounterLogService : BackgroundService
{
    private static readonly EventId CountersEvent = new(300, "Counters");

    private readonly SensorCounters _counters;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public CounterLogService(SensorCounters counters, TimeSpan interval, TimeProvider time, ILogger<CounterLogService> logger)
    {
        _counters = counters;
        _interval = interval;
        _time = time;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                LogCounters();
            }
        }
        catch (OperationCanceledException)
        {
            // stopping
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        LogCounters();
    }

    public void LogCounters()
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }
        _logger.Log(LogLevel.Information, CountersEvent, new CounterLogState(_counters.Read()), null, static (state, _) => state.ToString());
    }
}
