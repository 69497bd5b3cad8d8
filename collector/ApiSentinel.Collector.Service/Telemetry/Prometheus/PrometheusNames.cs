using System.Diagnostics.Metrics;
using System.Text;

namespace ApiSentinel.Collector.Service.Telemetry.Prometheus;

/// <summary>
/// OpenTelemetry instrument names to Prometheus metric names, as the OpenTelemetry-to-Prometheus compatibility rules
/// have it: characters outside <c>[a-zA-Z0-9_:]</c> become <c>_</c>, the unit is a suffix (<c>s</c> →
/// <c>_seconds</c>; <c>{…}</c> annotations are dropped), and monotonic counters end in <c>_total</c>. So
/// <c>apisentinel.collector.ingest.lag</c> (s) is <c>apisentinel_collector_ingest_lag_seconds</c>.
/// </summary>
public static class PrometheusNames
{
    public static string Metric(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = Sanitize(instrument.Name);
        if (UnitSuffix(instrument.Unit) is { } suffix && !name.EndsWith("_" + suffix, StringComparison.Ordinal))
        {
            name += "_" + suffix;
        }

        return IsMonotonic(instrument) ? name + "_total" : name;
    }

    public static string Label(string attribute) => Sanitize(attribute);

    internal static bool IsMonotonic(Instrument instrument) =>
        instrument.GetType().IsGenericType &&
        instrument.GetType().GetGenericTypeDefinition() is var type && (type == typeof(Counter<>) || type == typeof(ObservableCounter<>));

    private static string? UnitSuffix(string? unit) => unit switch
    {
        null or "" or "1" => null,
        _ when unit.StartsWith('{') => null,
        "s" => "seconds",
        "ms" => "milliseconds",
        "By" => "bytes",
        _ => Sanitize(unit),
    };

    private static string Sanitize(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            text.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or ':' ? c : '_');
        }

        if (text.Length > 0 && char.IsAsciiDigit(text[0]))
        {
            text.Insert(0, '_');
        }

        return text.ToString();
    }
}
