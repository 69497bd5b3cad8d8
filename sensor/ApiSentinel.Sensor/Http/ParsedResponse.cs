namespace ApiSentinel.Sensor.Http;

/// <summary>A response as parsed off the wire.</summary>
public sealed class ParsedResponse : HttpMessage
{
    /// <summary>The status code, or 0 for an HTTP/0.9 response (which has no status line).</summary>
    public int StatusCode { get; internal set; }

    internal override void Reset()
    {
        base.Reset();
        StatusCode = 0;
    }
}
