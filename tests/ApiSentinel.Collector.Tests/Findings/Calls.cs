using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Collector.Findings;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Findings;

/// <summary>Builds calls and feeds them to a detector: seconds on a fixed epoch, one host.</summary>
internal static class Calls
{
    public const string Host = "shop.test";
    public const long Epoch = 1_700_000_000L * 1_000_000;

    public static long At(double seconds) => Epoch + (long)(seconds * 1_000_000);

    public static ApiCall Call(string client, double seconds, string path, int? status, string? tool = null, string method = "GET") => new()
    {
        TimestampMicros = At(seconds),
        ClientAddress = client,
        Server = "192.0.2.10:80",
        Host = Host,
        Method = method,
        Path = path,
        Status = status,
        ClientTool = tool,
    };

    public static EndpointKey Endpoint(string template, string method = "GET") => new(Host, method, template);

    /// <summary>Observes a call whose endpoint template is the path itself (unparameterised).</summary>
    public static void Plain(this FindingDetector detector, string client, double seconds, string path, int? status, string? tool = null) =>
        detector.Observe(Call(client, seconds, path, status, tool), Endpoint(path));

    public static void Templated(this FindingDetector detector, string client, double seconds, string path, string template, int? status) =>
        detector.Observe(Call(client, seconds, path, status), Endpoint(template));

    /// <summary>Everything a finding says, as one string, for equality across runs.</summary>
    public static string Render(Finding finding) =>
        $"{finding.Kind}|{finding.Severity}|{finding.Client}|{finding.FromMicros}|{finding.ToMicros}|{finding.Summary}|" +
        string.Join(",", finding.Evidence.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}={pair.Value}")) + "|" +
        string.Join(",", finding.Endpoints);
}
