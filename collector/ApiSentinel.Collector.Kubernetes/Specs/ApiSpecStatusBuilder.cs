using ApiSentinel.Crds.ApiSpecs;
using k8s.Models;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// The status an ApiSpec should have: phase and message from the <see cref="SpecOutcome"/>, the figures (zero while
/// invalid), <c>observedGeneration</c>, and the <c>Parsed</c> and <c>Ready</c> conditions. A condition keeps its
/// <c>lastTransitionTime</c> from the previous status while its status (True/False) stays; its reason, message and
/// observedGeneration follow what was observed — the Kubernetes API conventions for conditions.
/// </summary>
public static class ApiSpecStatusBuilder
{
    /// <param name="previous">The status the resource has now (or was last written), for the transition times.</param>
    public static ApiSpecStatus Build(V1Alpha1ApiSpec resource, SpecOutcome outcome, SpecCounts counts,
        ApiSpecStatus? previous, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(outcome);
        var generation = resource.Metadata.Generation;
        // Kubernetes stores times to the second; a fraction would make every comparison with the stored status differ.
        var at = new DateTime(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var figures = outcome.IsParsed ? counts : default;

        var parsed = Condition(ApiSpecConditions.Parsed, outcome.IsParsed, outcome.Reason, outcome.Message, generation, previous, at);
        var ready = outcome.IsParsed
            ? Condition(ApiSpecConditions.Ready, true, ApiSpecConditions.ReasonSpecInUse,
                outcome.Hosts.Count == 0
                    ? "the catalog compares the traffic of the document's servers with it"
                    : $"the catalog compares the traffic of {outcome.Hosts.Count} hosts (and the document's servers) with it",
                generation, previous, at)
            : Condition(ApiSpecConditions.Ready, false, ApiSpecConditions.ReasonNotParsed,
                "the document is not in use: see the Parsed condition", generation, previous, at);

        return new ApiSpecStatus
        {
            Phase = outcome.IsParsed ? ApiSpecPhases.Parsed : ApiSpecPhases.Invalid,
            Message = outcome.IsParsed ? null : outcome.Message,
            Endpoints = figures.Endpoints,
            Shadow = figures.Shadow,
            NonConformant = figures.NonConformant,
            ObservedGeneration = generation,
            Conditions = [parsed, ready],
        };
    }

    private static V1Condition Condition(string type, bool holds, string reason, string message, long? generation,
        ApiSpecStatus? previous, DateTime now)
    {
        var status = holds ? ApiSpecConditions.True : ApiSpecConditions.False;
        var before = previous?.Conditions?.FirstOrDefault(c => string.Equals(c?.Type, type, StringComparison.Ordinal));
        var since = before is not null && string.Equals(before.Status, status, StringComparison.Ordinal)
            ? before.LastTransitionTime
            : now;
        return new V1Condition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            ObservedGeneration = generation,
            LastTransitionTime = since,
        };
    }
}
