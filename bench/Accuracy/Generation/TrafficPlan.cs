namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>The generated traffic (time-ordered) and its ground truth.</summary>
internal sealed record TrafficPlan(IReadOnlyList<HttpExchange> Exchanges, IReadOnlyList<TruthOperation> Truth, int ClientCount, int ServerCount);
