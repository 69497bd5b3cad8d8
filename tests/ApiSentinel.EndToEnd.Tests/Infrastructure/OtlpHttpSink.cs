using System.Collections.Concurrent;
using System.Net;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Where the collector's OTLP export goes in the privacy sweep: a loopback HTTP endpoint for OTLP/HTTP with protobuf
/// bodies (<c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>), keeping every request body as received — the raw
/// payloads are what is searched, so nothing here decodes them. Answers 200 with an empty body (an empty
/// <c>Export*ServiceResponse</c>, i.e. full success).
/// </summary>
internal sealed class OtlpHttpSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _received = new();
    private readonly Task _loop;

    public OtlpHttpSink()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The OTEL_* variables that point a collector's metrics and logs here, exported every second.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Port}",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "500",
    };

    /// <summary>Every body received on <paramref name="path"/> (<c>/v1/metrics</c>, <c>/v1/logs</c>) so far.</summary>
    public IReadOnlyList<byte[]> Bodies(string path) => _received.Where(item => item.Path == path).Select(item => item.Body).ToList();

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _received.Enqueue((context.Request.Url?.AbsolutePath ?? "", body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
