using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace ApiSentinel.Collector.Service.Telemetry.Prometheus;

/// <summary>
/// One instrument's aggregated series, keyed by their rendered label set: a sum for counters, the last observation
/// for observable instruments, buckets for histograms — what OpenTelemetry's cumulative aggregation keeps. The
/// number of series is bounded by the instruments' attribute values, which are bounded sets by construction
/// (<see cref="MetricAttributes"/>).
/// </summary>
internal sealed class InstrumentSeries
{
    /// <summary>OpenTelemetry's default explicit bounds, for a histogram that gives no advice.</summary>
    private static readonly double[] DefaultBounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);

    /// <summary>
    /// Rendered label sets of one-attribute measurements (every instrument here has at most one), so recording one
    /// does not build a string each time; as bounded as the attribute's values.
    /// </summary>
    private readonly ConcurrentDictionary<(string Key, object? Value), string> _singleLabels = new();
    private readonly double[] _bounds;

    public InstrumentSeries(Instrument instrument)
    {
        Name = PrometheusNames.Metric(instrument);
        Help = instrument.Description ?? "";
        IsObservable = instrument.IsObservable;
        IsHistogram = instrument is Histogram<double> or Histogram<long> or Histogram<int>;
        Type = IsHistogram ? "histogram" : PrometheusNames.IsMonotonic(instrument) ? "counter" : "gauge";
        _bounds = instrument switch
        {
            Histogram<double> { Advice.HistogramBucketBoundaries: { } advised } => [.. advised],
            _ => DefaultBounds,
        };
    }

    public string Name { get; }

    public string Help { get; }

    public string Type { get; }

    public bool IsObservable { get; }

    private bool IsHistogram { get; }

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = Labels(tags);
        lock (_series)
        {
            if (!_series.TryGetValue(labels, out var series))
            {
                series = new Series(IsHistogram ? new long[_bounds.Length + 1] : null);
                _series.Add(labels, series);
            }

            if (IsObservable)
            {
                series.Value = value;
            }
            else if (series.Buckets is { } buckets)
            {
                var bucket = Array.BinarySearch(_bounds, value);
                buckets[bucket >= 0 ? bucket : ~bucket]++;
                series.Value += value;
                series.Count++;
            }
            else
            {
                series.Value += value;
            }
        }
    }

    /// <summary>Before observable callbacks run: a series not observed this time is gone.</summary>
    public void ForgetObservations()
    {
        if (IsObservable)
        {
            lock (_series)
            {
                _series.Clear();
            }
        }
    }

    public void WriteTo(StringBuilder text)
    {
        text.Append("# HELP ").Append(Name).Append(' ').Append(EscapeHelp(Help)).Append('\n');
        text.Append("# TYPE ").Append(Name).Append(' ').Append(Type).Append('\n');
        lock (_series)
        {
            foreach (var (labels, series) in _series.OrderBy(static pair => pair.Key, StringComparer.Ordinal))
            {
                if (series.Buckets is not { } buckets)
                {
                    Sample(text, Name, labels, null, Number(series.Value));
                    continue;
                }

                long cumulative = 0;
                for (var i = 0; i < buckets.Length; i++)
                {
                    cumulative += buckets[i];
                    var le = i < _bounds.Length ? Number(_bounds[i]) : "+Inf";
                    Sample(text, Name + "_bucket", labels, le, cumulative.ToString(CultureInfo.InvariantCulture));
                }

                Sample(text, Name + "_sum", labels, null, Number(series.Value));
                Sample(text, Name + "_count", labels, null, series.Count.ToString(CultureInfo.InvariantCulture));
            }
        }
    }

    private static void Sample(StringBuilder text, string name, string labels, string? le, string value)
    {
        text.Append(name);
        if (labels.Length > 0 || le is not null)
        {
            text.Append('{').Append(labels);
            if (le is not null)
            {
                text.Append(labels.Length > 0 ? "," : "").Append("le=\"").Append(le).Append('"');
            }

            text.Append('}');
        }

        text.Append(' ').Append(value).Append('\n');
    }

    private string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }

        if (tags.Length == 1)
        {
            var (key, value) = tags[0];
            return _singleLabels.GetOrAdd((key, value), static tag => Render([new(tag.Key, tag.Value)]));
        }

        return Render(tags);
    }

    private static string Render(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var sorted = tags.ToArray();
        Array.Sort(sorted, static (x, y) => string.CompareOrdinal(x.Key, y.Key));
        var text = new StringBuilder();
        foreach (var (key, value) in sorted)
        {
            text.Append(text.Length > 0 ? "," : "").Append(PrometheusNames.Label(key)).Append("=\"");
            foreach (var c in Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")
            {
                text.Append(c switch { '\\' => "\\\\", '"' => "\\\"", '\n' => "\\n", _ => c.ToString() });
            }

            text.Append('"');
        }

        return text.ToString();
    }

    private static string EscapeHelp(string help) => help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private sealed class Series(long[]? buckets)
    {
        public long[]? Buckets { get; } = buckets;

        public double Value { get; set; }

        public long Count { get; set; }
    }
}
