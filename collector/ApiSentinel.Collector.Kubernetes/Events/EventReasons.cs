namespace ApiSentinel.Collector.Kubernetes.Events;

/// <summary>The <c>reason</c> of every Event the collector writes (on ApiEndpoints and ApiSpecs): the one home of these strings.</summary>
public static class EventReasons
{
    /// <summary>An endpoint a spec's host has but no spec documents (it became shadow, or was first seen as one).</summary>
    public const string ShadowEndpoint = "ShadowEndpoint";

    /// <summary>An endpoint whose risk reached <c>high</c> or <c>critical</c>.</summary>
    public const string HighRiskEndpoint = "HighRiskEndpoint";

    /// <summary>
    /// A behavioural finding of high or critical severity (scanning, enumeration, auth-failure bursts, secrets in
    /// assets) that involves the endpoint: one Event per endpoint and finding kind.
    /// </summary>
    public const string HighRiskFinding = "HighRiskFinding";

    /// <summary>An ApiSpec whose document cannot be used (invalid, too big, or not found).</summary>
    public const string InvalidApiSpec = "InvalidApiSpec";

    /// <summary>Events of the collector are all warnings: each asks someone to look.</summary>
    public const string Warning = "Warning";
}
