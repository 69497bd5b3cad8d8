using System.Diagnostics.Metrics;
using System.Text;

namespace ApiSentinel.Collector.Service.Telemetry.Prometheus;

/// <summary>
/// The Prometheus text (format 0.0.4) of one <see cref="Meter"/>'s instruments, aggregated by a
/// <see cref="MeterListener"/> from the same measurements the OpenTelemetry SDK exports.
/// <para>
/// Not prometheus-net's MeterAdapter: it names metrics meter + instrument (<c>apisentinel_collector_apisentinel_collector_…</c>),
/// exposes counters as gauges, and deletes a series not updated for a few minutes — a drop counter that stopped
/// moving would vanish from /metrics instead of holding its total. It also listens to every meter in the process;
/// this listens to one meter object, so two hosts in one process (the tests) never mix.
/// </para>
/// </summary>
internal sealed class PrometheusExposition : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<InstrumentSeries> _instruments = [];
    private readonly Lock _scrape = new();

    public PrometheusExposition(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!ReferenceEquals(instrument.Meter, meter))
            {
                return;
            }

            var series = new InstrumentSeries(instrument);
            lock (_instruments)
            {
                _instruments.Add(series);
            }

            listener.EnableMeasurementEvents(instrument, series);
        };
        _listener.SetMeasurementEventCallback<long>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>(static (_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>Runs the observable instruments' callbacks and renders every instrument, in name order.</summary>
    public string Render()
    {
        lock (_scrape)
        {
            InstrumentSeries[] instruments;
            lock (_instruments)
            {
                instruments = [.. _instruments];
            }

            foreach (var instrument in instruments)
            {
                instrument.ForgetObservations();
            }

            _listener.RecordObservableInstruments();
            var text = new StringBuilder();
            foreach (var instrument in instruments.OrderBy(static i => i.Name, StringComparer.Ordinal))
            {
                instrument.WriteTo(text);
            }

            return text.ToString();
        }
    }

    public void Dispose() => _listener.Dispose();
}
