using ApiSentinel.Collector.Endpoints;

namespace ApiSentinel.Collector.Findings;

/// <summary>One call as the scanner window remembers it.</summary>
internal readonly record struct ScanEvent(long TimestampMicros, EndpointKey Endpoint, bool Answered, bool NotFound, string? Tool);
