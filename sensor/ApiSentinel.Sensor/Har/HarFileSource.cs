using System.Globalization;
using System.Text;
using System.Text.Json;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Har;

/// <summary>
/// Reads a HAR 1.2 file (what browsers' developer tools and many proxies export) and hands each entry to the
/// same transaction sink the packet path feeds — the exchange extractor — so HAR input is redacted and
/// inspected exactly like captured traffic. HAR bodies are already decoded (content.text, base64 when marked)
/// and are inspected up to the same limit. The client address is not in HAR; it is reported as 0.0.0.0.
/// </summary>
public sealed class HarFileSource
{
    private static readonly NetAddress UnknownClient = NetAddress.Parse("0.0.0.0");

    private readonly string _path;
    private readonly Http1Options _options;

    public HarFileSource(string path, Http1Options options)
    {
        _path = path;
        _options = options;
    }

    /// <summary>Entries read, and entries skipped because they were not HTTP/1-shaped (a missing URL or method).</summary>
    public long Entries { get; private set; }

    public long SkippedEntries { get; private set; }

    /// <summary>Delivers every entry; throws <see cref="CaptureException"/> (one clear line) when the file is not a HAR.</summary>
    public void Run(IHttpTransactionSink sink)
    {
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(_path);
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 256 });
        }
        catch (FileNotFoundException)
        {
            throw new CaptureException($"{_path}: no such file");
        }
        catch (JsonException e)
        {
            throw new CaptureException($"{_path}: not a HAR file (invalid JSON at line {e.LineNumber + 1})");
        }
        using (document)
        {
            if (!document.RootElement.TryGetProperty("log", out var log) || !log.TryGetProperty("entries", out var entries) ||
                entries.ValueKind != JsonValueKind.Array)
            {
                throw new CaptureException($"{_path}: not a HAR file (no log.entries array)");
            }
            var connectionId = 0L;
            foreach (var entry in entries.EnumerateArray())
            {
                Entries++;
                try
                {
                    if (!TryDeliver(entry, ++connectionId, sink))
                    {
                        SkippedEntries++;
                    }
                }
#pragma warning disable CA1031 // one odd entry (hostile or a tool's bug) must cost that entry, not the file
                catch (Exception)
#pragma warning restore CA1031
                {
                    SkippedEntries++;
                }
            }
        }
    }

    private bool TryDeliver(JsonElement entry, long connectionId, IHttpTransactionSink sink)
    {
        if (!entry.TryGetProperty("request", out var req) || !Text(req, "method", out var method) || !Text(req, "url", out var url) ||
            !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }
        var start = Text(entry, "startedDateTime", out var started) &&
                    DateTimeOffset.TryParse(started, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? (at - DateTimeOffset.UnixEpoch).Ticks / 10
            : 0;
        var serverAddress = Text(entry, "serverIPAddress", out var ip) && System.Net.IPAddress.TryParse(ip.Trim('[', ']'), out var parsed)
            ? NetAddress.FromIPAddress(parsed)
            : UnknownClient;
        var connection = new ConnectionInfo(connectionId, new NetEndpoint(UnknownClient, 0),
            new NetEndpoint(serverAddress, (ushort)uri.Port), start, handshakeSeen: true);
        var transaction = new HttpTransaction(connection);

        var request = new ParsedRequest { Version = VersionOf(req), StartMicros = start, EndMicros = start };
        request.SetLine(Encoding.ASCII.GetBytes(method), Encoding.UTF8.GetBytes(uri.PathAndQuery));
        var hasHost = AddHeaders(req, request.Headers);
        if (!hasHost)
        {
            request.Headers.Add("Host"u8, Encoding.ASCII.GetBytes(uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}"));
        }
        if (req.TryGetProperty("postData", out var post) && Text(post, "text", out var postText))
        {
            SetBody(request.Body, Encoding.UTF8.GetBytes(postText));
        }
        transaction.Request = request;

        if (entry.TryGetProperty("response", out var res) && res.TryGetProperty("status", out var statusElement) &&
            statusElement.TryGetInt32(out var status) && status > 0)
        {
            var duration = entry.TryGetProperty("time", out var time) && time.TryGetDouble(out var ms) ? (long)(ms * 1000) : 0;
            var response = new ParsedResponse { Version = VersionOf(res), StatusCode = status, StartMicros = start, EndMicros = start + duration };
            AddHeaders(res, response.Headers);
            if (res.TryGetProperty("content", out var content) && Text(content, "text", out var text))
            {
                var bytes = Text(content, "encoding", out var encoding) && encoding == "base64" ? Base64OrEmpty(text) : Encoding.UTF8.GetBytes(text);
                SetBody(response.Body, bytes);
            }
            transaction.Response = response;
        }
        transaction.Ticket = sink.OnTransactionStarted(start);
        sink.OnTransactionCompleted(transaction);
        return true;
    }

    private void SetBody(HttpBody body, byte[] bytes)
    {
        body.Length = bytes.Length;
        body.AppendInspected(bytes, _options.BodyInspectionLimit);
        body.Complete = true;
    }

    private static bool AddHeaders(JsonElement message, HttpHeaderBlock headers)
    {
        var hasHost = false;
        if (!message.TryGetProperty("headers", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return false;
        }
        foreach (var header in list.EnumerateArray())
        {
            if (Text(header, "name", out var name) && Text(header, "value", out var value) && !name.StartsWith(':'))
            {
                headers.Add(Encoding.ASCII.GetBytes(name), Encoding.UTF8.GetBytes(value));
                hasHost |= name.Equals("host", StringComparison.OrdinalIgnoreCase);
            }
        }
        return hasHost;
    }

    private static HttpProtocolVersion VersionOf(JsonElement message) =>
        Text(message, "httpVersion", out var v) ? v.ToUpperInvariant() switch
        {
            "HTTP/1.0" => HttpProtocolVersion.Http10,
            "HTTP/0.9" => HttpProtocolVersion.Http09,
            "HTTP/1.1" => HttpProtocolVersion.Http11,
            _ => HttpProtocolVersion.Unknown, // h2/h3 in browser HARs: not an HTTP/1 version
        } : HttpProtocolVersion.Unknown;

    private static byte[] Base64OrEmpty(string text)
    {
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    private static bool Text(JsonElement element, string name, out string value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String)
        {
            try
            {
                value = property.GetString() ?? "";
                return true;
            }
            catch (InvalidOperationException)
            {
                // A lone surrogate escape ("\ud800"), which browsers' JSON.stringify emits: treated as absent.
            }
        }
        value = "";
        return false;
    }
}
