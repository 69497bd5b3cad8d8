namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>An ApiSpec's status figures: endpoints on its hosts, and the shadow and non-conformant ones among them.</summary>
public readonly record struct SpecCounts(long Endpoints, long Shadow, long NonConformant);
