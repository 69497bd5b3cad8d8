namespace ApiSentinel.Sensor.Http;

/// <summary>What request and response have in common: version, headers, body, timing.</summary>
public abstract class HttpMessage
{
    public HttpProtocolVersion Version { get; internal set; }

    public HttpHeaderBlock Headers { get; } = new();

    public HttpBody Body { get; } = new();

    /// <summary>Capture time of the packet that carried the message's first byte (µs since the Unix epoch).</summary>
    public long StartMicros { get; internal set; }

    /// <summary>Capture time of the packet that carried the message's last byte.</summary>
    public long EndMicros { get; internal set; }

    /// <summary>Bytes of the start line and header block, including line ends.</summary>
    public int HeaderBytes { get; internal set; }

    internal virtual void Reset()
    {
        Version = HttpProtocolVersion.Unknown;
        Headers.Clear();
        Body.Reset();
        StartMicros = 0;
        EndMicros = 0;
        HeaderBytes = 0;
    }

    /// <summary>Resets and wipes all stored bytes (headers, inspected body), so the message can serve another connection.</summary>
    internal virtual void Scrub()
    {
        Reset();
        Headers.Scrub();
        Body.Scrub();
    }
}
