namespace ApiSentinel.Sensor.Http;

/// <summary>Bounds of HTTP/1.x parsing; defaults are DESIGN.md's.</summary>
public sealed class Http1Options
{
    /// <summary>Requests awaiting their response per connection (pipelining); beyond it the oldest is delivered unanswered.</summary>
    public int MaxInFlightRequests { get; set; } = 100;

    /// <summary>Decoded body bytes kept per message for inspection (sensitive data, schema).</summary>
    public int BodyInspectionLimit { get; set; } = 64 * 1024;

    /// <summary>Largest start line plus header block; a longer one is treated as garbage and resynchronised past.</summary>
    public int MaxHeaderBytes { get; set; } = 64 * 1024;
}
