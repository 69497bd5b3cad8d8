using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace ApiSentinel.Collector.Service.Api;

/// <summary>
/// Writing a document to a response. The writers are synchronous (the CLI writes them to stdout) and Kestrel forbids
/// synchronous I/O on a response, so a document is written into a <see cref="FileBufferingWriteStream"/> — memory up
/// to 32 KiB, a temporary file past it (a 20 000-endpoint catalog is ~100 MB of JSON) — and drained asynchronously.
/// </summary>
public static class JsonResponses
{
    public const string ContentType = "application/json; charset=utf-8";

    public static async Task WriteAsync(HttpResponse response, Action<Stream> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(write);
        await using var buffer = new FileBufferingWriteStream();
        write(buffer);
        response.ContentType = ContentType;
        response.ContentLength = buffer.Length;
        await buffer.DrainBufferAsync(response.Body, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>{"error":"…"}</c> on one line with <paramref name="status"/>.</summary>
    public static Task ErrorAsync(HttpResponse response, int status, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        response.ContentType = ContentType;
        var body = new Dictionary<string, string> { ["error"] = message };
        return response.WriteAsync(JsonSerializer.Serialize(body) + "\n", cancellationToken);
    }
}
