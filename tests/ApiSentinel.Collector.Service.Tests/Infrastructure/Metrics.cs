using System.Globalization;

namespace ApiSentinel.Collector.Service.Tests.Infrastructure;

/// <summary>Reads one series from the collector's /metrics text.</summary>
internal static class Metrics
{
    /// <summary>The value of the first sample line whose name contains <paramref name="name"/> and whose text contains every one of <paramref name="labels"/>; 0 when absent.</summary>
    public static double Value(string exposition, string name, params string[] labels)
    {
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }
            var space = line.LastIndexOf(' ');
            var series = line[..space];
            var metric = series.Split('{')[0];
            if (metric.Contains(name, StringComparison.Ordinal) && labels.All(l => series.Contains(l, StringComparison.Ordinal)))
            {
                return double.Parse(line[(space + 1)..], CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }
}
