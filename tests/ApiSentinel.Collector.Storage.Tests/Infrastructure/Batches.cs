using System.Text;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Storage.Tests.Infrastructure;

/// <summary>Batches for the store tests: the bytes are opaque to the store, so a readable tag stands for an encoded batch.</summary>
internal static class Batches
{
    public static readonly StreamKey SensorA = new("sensor-a", "instance-1");
    public static readonly StreamKey SensorB = new("sensor-b", "instance-1");

    public static byte[] Bytes(StreamKey stream, long sequence) => Encoding.UTF8.GetBytes($"{stream}#{sequence}");

    public static string Text(ReadOnlyMemory<byte> batch) => Encoding.UTF8.GetString(batch.Span);

    /// <summary>One call at <paramref name="micros"/>; 2024-01-01T00:00Z is 1_704_067_200 s.</summary>
    public static ApiCall Call(string path, long micros, int? status = 200, string host = "shop.example", string client = "192.0.2.10") => new()
    {
        TimestampMicros = micros, ClientAddress = client, Server = "198.51.100.9:8080", Host = host, Method = "GET", Path = path,
        Status = status,
    };

    /// <summary>Calls as the store's opaque bytes (path, time and status are all these tests vary).</summary>
    public static byte[] Encode(IEnumerable<ApiCall> calls) =>
        Encoding.UTF8.GetBytes(string.Join('\n', calls.Select(c => $"{c.Host} {c.Path} {c.TimestampMicros} {c.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}")));

    public static List<ApiCall> Decode(ReadOnlyMemory<byte> batch) =>
        Encoding.UTF8.GetString(batch.Span).Split('\n').Select(line => line.Split(' ')).Select(f =>
            Call(f[1], long.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture),
                f[3] == "-" ? null : int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), host: f[0])).ToList();

    public const long Jan1Micros = 1_704_067_200_000_000L;

    public const long HourMicros = 3_600_000_000L;
}
