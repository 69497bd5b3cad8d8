using System.Text;
using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Http;

/// <summary>A copy of a request or response taken during delivery.</summary>
public sealed record RecordedMessage(
    string? Method,
    string? Target,
    int StatusCode,
    HttpProtocolVersion Version,
    IReadOnlyList<(string Name, string Value)> Headers,
    RecordedBody Body,
    long StartMicros,
    long EndMicros,
    int HeaderBytes)
{
    public static RecordedMessage From(HttpMessage message)
    {
        var headers = new List<(string, string)>();
        for (var i = 0; i < message.Headers.Count; i++)
        {
            headers.Add((Encoding.Latin1.GetString(message.Headers.NameAt(i)), Encoding.Latin1.GetString(message.Headers.ValueAt(i))));
        }
        var request = message as ParsedRequest;
        return new RecordedMessage(
            request is null ? null : Encoding.Latin1.GetString(request.Method),
            request is null ? null : Encoding.Latin1.GetString(request.Target),
            (message as ParsedResponse)?.StatusCode ?? 0,
            message.Version,
            headers,
            RecordedBody.From(message.Body),
            message.StartMicros,
            message.EndMicros,
            message.HeaderBytes);
    }

    public string? Header(string name) =>
        Headers.FirstOrDefault(h => string.Equals(h.Name, name, StringComparison.OrdinalIgnoreCase)).Value;
}
