using System.Globalization;
using System.Text;
using System.Text.Json;
using ApiSentinel.Contract;
using ApiSentinel.Sensor.Capture;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Http;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Har;

/// <summary>
/// Reads a HAR 1.2 file (what browsers' developer tools and many proxies export) and hands each entry to the
/// same transaction sink the packet path feeds — the exchange extractor — so HAR input is redacted and
/// inspected exactly like captured traffic. The file is streamed entry by entry (<see cref="HarEntryReader"/>).
/// HAR bodies are already decoded (content.text, base64 when marked) and are inspected up to the same limit.
/// <para>
/// A HAR records no client address. The client is reported as the unspecified address (<c>0.0.0.0</c>, which
/// no TCP client can have), and everything downstream reads that as <em>unknown</em>: never internal or
/// external, never one client among others.
/// </para>
/// </summary>
public sealed class HarFileSource
{
    /// <summary>The client of every HAR exchange (and the server when no serverIPAddress was recorded): "not recorded".</summary>
    private static readonly NetAddress Unspecified = NetAddress.Parse("0.0.0.0");

    private static readonly JsonDocumentOptions EntryOptions = new() { MaxDepth = 256 };

    private readonly string _path;
    private readonly Http1Options _options;

    public HarFileSource(string path, Http1Options options)
    {
        _path = path;
        _options = options;
    }

    /// <summary>The file, as given.</summary>
    public string Path => _path;

    /// <summary>Entries read, and entries skipped because they were not HTTP-shaped (no URL or method), damaged or too large.</summary>
    public long Entries { get; private set; }

    public long SkippedEntries { get; private set; }

    /// <summary>Where the file stopped being valid JSON after some entries were read (a cut-off export), or null.</summary>
    public string? Damage { get; private set; }

    /// <summary>Delivers every entry; throws <see cref="CaptureException"/> (one clear line) when the file is not a HAR.</summary>
    public void Run(IHttpTransactionSink sink)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CaptureException($"{_path}: no such file");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CaptureException($"{_path}: permission denied");
        }
        using (stream)
        {
            var reader = new HarEntryReader(stream, _path);
            var connectionId = 0L;
            reader.Read(entry =>
            {
                Entries++;
                try
                {
                    using var document = JsonDocument.Parse(entry, EntryOptions);
                    if (!TryDeliver(document.RootElement, ++connectionId, sink))
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
            });
            Entries += reader.OversizedEntries + reader.MalformedEntries;
            SkippedEntries += reader.OversizedEntries + reader.MalformedEntries;
            Damage = reader.Damage;
        }
    }

    /// <summary>
    /// A HAR records what the browser saw, decrypted: the URL's scheme says whether it crossed the network in TLS
    /// (<c>https</c>, <c>wss</c>) or in the clear (<c>http</c>, <c>ws</c>). Scoring https entries as clear text flagged
    /// every Basic-authenticated HAR endpoint as sending passwords readable.
    /// </summary>
    internal static Transport TransportOf(Uri uri) => uri.Scheme switch
    {
        "https" or "wss" => Transport.Tls,
        "http" or "ws" => Transport.Plaintext,
        _ => Transport.Unknown,
    };

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
            : Unspecified;
        var connection = new ConnectionInfo(connectionId, new NetEndpoint(Unspecified, 0),
            new NetEndpoint(serverAddress, (ushort)uri.Port), start, handshakeSeen: true);
        var transaction = new HttpTransaction(connection);

        var request = new ParsedRequest { Version = VersionOf(req), StartMicros = start, EndMicros = start };
        request.SetLine(Encoding.ASCII.GetBytes(method), Encoding.UTF8.GetBytes(uri.PathAndQuery));
        var (hasHost, hasContentType) = AddHeaders(req, request.Headers);
        if (!hasHost)
        {
            request.Headers.Add("Host"u8, Encoding.ASCII.GetBytes(uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}"));
        }
        if (req.TryGetProperty("postData", out var post) && HarPostData.Body(post) is { } postBody)
        {
            if (!hasContentType && Text(post, "mimeType", out var postType) && postType.Length > 0)
            {
                request.Headers.Add("Content-Type"u8, Encoding.UTF8.GetBytes(postType));
            }
            SetBody(request.Body, postBody);
        }
        transaction.Request = request;
        transaction.ResourceType = Text(entry, "_resourceType", out var resourceType) ? HarResourceTypes.Known(resourceType) : null;
        transaction.Transport = TransportOf(uri);

        if (entry.TryGetProperty("response", out var res) && res.TryGetProperty("status", out var statusElement) &&
            statusElement.TryGetInt32(out var status) && status > 0)
        {
            var duration = entry.TryGetProperty("time", out var time) && time.TryGetDouble(out var ms) ? (long)(ms * 1000) : 0;
            var response = new ParsedResponse { Version = VersionOf(res), StatusCode = status, StartMicros = start, EndMicros = start + duration };
            AddHeaders(res, response.Headers);
            // A 304 entry carries the cached body the browser reused, never sent on the wire; 1xx, 204 and HEAD
            // answers have no body either (RFC 9110 §6.4.1). Inspecting it would report what this exchange did not carry.
            if (!IsBodiless(method, status) && res.TryGetProperty("content", out var content) && Text(content, "text", out var text))
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

    private static bool IsBodiless(string method, int status) =>
        status is < 200 or 204 or 304 || method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);

    private static (bool Host, bool ContentType) AddHeaders(JsonElement message, HttpHeaderBlock headers)
    {
        var hasHost = false;
        var hasContentType = false;
        if (!message.TryGetProperty("headers", out var list) || list.ValueKind != JsonValueKind.Array)
        {
            return (false, false);
        }
        foreach (var header in list.EnumerateArray())
        {
            if (Text(header, "name", out var name) && Text(header, "value", out var value) && !name.StartsWith(':'))
            {
                headers.Add(Encoding.ASCII.GetBytes(name), Encoding.UTF8.GetBytes(value));
                hasHost |= name.Equals("host", StringComparison.OrdinalIgnoreCase);
                hasContentType |= name.Equals("content-type", StringComparison.OrdinalIgnoreCase);
            }
        }
        return (hasHost, hasContentType);
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

    internal static bool Text(JsonElement element, string name, out string value)
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
