using ApiSentinel.Collector.Service.Tests.Otlp.Common;
using ApiSentinel.Collector.Service.Tests.Otlp.Logs;
using ApiSentinel.Collector.Service.Tests.Otlp.Metrics;

namespace ApiSentinel.Collector.Service.Tests.Telemetry;

/// <summary>Reading what the receiver got: metrics and log records with their resource and attributes.</summary>
internal static class Otlp
{
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static IEnumerable<(ResourceMetrics Resource, ScopeMetrics Scope, Metric Metric)> MetricsOf(OtlpReceiver.Inbox inbox) =>
        from request in inbox.Metrics
        from resource in request.ResourceMetrics
        from scope in resource.ScopeMetrics
        from metric in scope.Metrics
        select (resource, scope, metric);

    public static IEnumerable<(ResourceLogs Resource, LogRecord Record)> LogsOf(OtlpReceiver.Inbox inbox) =>
        from request in inbox.Logs
        from resource in request.ResourceLogs
        from scope in resource.ScopeLogs
        from record in scope.LogRecords
        select (resource, record);

    /// <summary>The latest export's data point of <paramref name="name"/> whose attributes include <paramref name="attributes"/>.</summary>
    public static NumberDataPoint? LatestPoint(OtlpReceiver.Inbox inbox, string name, params (string Key, string Value)[] attributes) =>
        MetricsOf(inbox).Where(m => m.Metric.Name == name)
            .SelectMany(m => m.Metric.DataCase == Metric.DataOneofCase.Sum ? m.Metric.Sum.DataPoints : m.Metric.Gauge?.DataPoints ?? [])
            .LastOrDefault(p => attributes.All(a => Attributes(p.Attributes).GetValueOrDefault(a.Key) is { StringValue: var v } && v == a.Value));

    public static Dictionary<string, AnyValue> Attributes(IEnumerable<KeyValue> attributes) => attributes.ToDictionary(a => a.Key, a => a.Value);

    public static string? Text(this Dictionary<string, AnyValue> attributes, string key) =>
        attributes.TryGetValue(key, out var value) && value.ValueCase == AnyValue.ValueOneofCase.StringValue ? value.StringValue : null;

    /// <summary>Polls <paramref name="condition"/> until it holds, failing after <see cref="Bound"/>.</summary>
    public static async Task Eventually(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail($"not within {Bound.TotalSeconds} s: {what}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }
}
