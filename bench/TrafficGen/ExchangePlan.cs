namespace ApiSentinel.Bench.TrafficGen;

/// <summary>What the request committed the response to: carried from request composition to response composition.</summary>
internal readonly record struct ExchangePlan(RouteTemplate Route, bool Authenticated, bool AcceptsGzip, bool CloseAfter, Guid RequestId);
