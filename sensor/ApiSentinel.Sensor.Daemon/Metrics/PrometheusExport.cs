using Prometheus;

namespace ApiSentinel.Sensor.Daemon.Metrics;

/// <summary>
/// /metrics in Prometheus text: a registry of its own per daemon (several daemons can run in one test process),
/// filled from <see cref="SensorCounters"/> just before each scrape, so the hot paths keep their plain fields and
/// never touch a metrics library.
/// </summary>
internal sealed class PrometheusExport
{
    public const string Prefix = "apisentinel_sensor_";

    private readonly SensorCounters _counters;
    private readonly MetricFactory _factory;
    private readonly Dictionary<string, Counter> _counterMetrics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Gauge> _gaugeMetrics = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public PrometheusExport(SensorCounters counters)
    {
        _counters = counters;
        Registry = Prometheus.Metrics.NewCustomRegistry();
        _factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        Registry.AddBeforeCollectCallback(Update);
        Update();
    }

    public CollectorRegistry Registry { get; }

    private void Update()
    {
        lock (_lock)
        {
            foreach (var reading in _counters.Read())
            {
                if (reading.IsGauge)
                {
                    Gauge(reading).Set(reading.Value);
                }
                else
                {
                    var counter = Counter(reading);
                    if (reading.Reason is null)
                    {
                        counter.IncTo(reading.Value);
                    }
                    else
                    {
                        counter.WithLabels(reading.Reason).IncTo(reading.Value);
                    }
                }
            }
        }
    }

    private Counter Counter(CounterReading reading)
    {
        if (!_counterMetrics.TryGetValue(reading.Name, out var counter))
        {
            string[] labels = reading.Reason is null ? [] : [CounterNames.ReasonLabel];
            counter = _factory.CreateCounter(Prefix + reading.Name + "_total", reading.Help, labels);
            _counterMetrics[reading.Name] = counter;
        }
        return counter;
    }

    private Gauge Gauge(CounterReading reading)
    {
        if (!_gaugeMetrics.TryGetValue(reading.Name, out var gauge))
        {
            gauge = _factory.CreateGauge(Prefix + reading.Name, reading.Help);
            _gaugeMetrics[reading.Name] = gauge;
        }
        return gauge;
    }
}
