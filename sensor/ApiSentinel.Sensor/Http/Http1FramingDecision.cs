namespace ApiSentinel.Sensor.Http;

/// <summary>The body framing of one message and what was suspicious about the headers that decided it.</summary>
internal readonly record struct Http1FramingDecision(
    Http1BodyFraming Framing,
    long Length,
    bool Ambiguous,
    bool InvalidContentLength);
