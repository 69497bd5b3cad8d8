using ApiSentinel.Collector.Endpoints;

namespace ApiSentinel.Collector.Findings;

/// <summary>One 401 or 403 answer as the auth-failure window remembers it.</summary>
internal readonly record struct AuthFailureEvent(long TimestampMicros, EndpointKey Endpoint, int Status);
