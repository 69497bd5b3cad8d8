using ApiSentinel.Collector.Endpoints;

namespace ApiSentinel.Collector.Findings;

/// <summary>One parameter position of one endpoint: <c>/users/{userId}/orders/{orderId}</c> has two streams.</summary>
internal readonly record struct IdStreamKey(EndpointKey Endpoint, int Position);
