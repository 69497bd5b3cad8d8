using ApiSentinel.Contract;
using ApiSentinel.Ingest;
using ApiSentinel.Ingest.V1Alpha1;
using Transport = ApiSentinel.Contract.Transport;

namespace ApiSentinel.Collector.Service.Tests.Infrastructure;

/// <summary>Calls for the tests: an hour-aligned epoch, documentation addresses, one call per (host, path) shape.</summary>
internal static class TestCalls
{
    /// <summary>2026-12-02T10:00:00Z in µs.</summary>
    public static readonly long Epoch = DateTimeOffset.Parse("2026-12-02T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeMilliseconds() * 1000;

    public static ApiCall Call(string host, string path, int? status = 200, double seconds = 0, string method = "GET", string client = "198.51.100.7", string auth = AuthKinds.None) => new()
    {
        TimestampMicros = Epoch + (long)(seconds * 1_000_000),
        ClientAddress = client,
        Server = "192.0.2.10:80",
        Host = host,
        Method = method,
        Path = path,
        Status = status,
        Auth = auth,
        Transport = Transport.Plaintext,
    };

    public static CallBatch Batch(long sequence, IEnumerable<ApiCall> calls)
    {
        var batch = new CallBatch { Sequence = (ulong)sequence };
        batch.Calls.AddRange(calls.Select(CallMapping.ToWire));
        return batch;
    }

    /// <summary><paramref name="count"/> calls to distinct user ids on one host (they template to one endpoint).</summary>
    public static IEnumerable<ApiCall> Users(string host, int count, int first = 0, double seconds = 0) =>
        Enumerable.Range(first, count).Select(i => Call(host, $"/api/users/{1000 + i}", seconds: seconds + i * 0.001));
}
