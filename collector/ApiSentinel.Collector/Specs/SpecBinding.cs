namespace ApiSentinel.Collector.Specs;

/// <summary>A spec and the hosts configuration binds it to beyond its own servers (an <c>ApiSpec</c> resource's hosts).</summary>
public sealed record SpecBinding(ApiSpec Spec, IReadOnlyList<string> Hosts);
