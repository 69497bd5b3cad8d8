using ApiSentinel.Collector.Specs;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>What became of an ApiSpec's document: parsed (the spec, the hosts it is bound to, its coverage), or invalid with a reason and the one-line message.</summary>
public sealed record SpecOutcome
{
    private SpecOutcome(ApiSpec? spec, IReadOnlyList<string> hosts, string reason, string message)
    {
        Spec = spec;
        Hosts = hosts;
        Reason = reason;
        Message = message;
        Coverage = spec is null ? null : new SpecCoverage(spec, hosts);
    }

    public ApiSpec? Spec { get; }

    public IReadOnlyList<string> Hosts { get; }

    /// <summary>The <see cref="ApiSpecConditions"/> reason of the Parsed condition.</summary>
    public string Reason { get; }

    /// <summary>For a parsed spec a summary; for an invalid one why (the parser's message), one line, escaped.</summary>
    public string Message { get; }

    public SpecCoverage? Coverage { get; }

    public bool IsParsed => Spec is not null;

    public static SpecOutcome Parsed(ApiSpec spec, IReadOnlyList<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var warnings = spec.Warnings.Count + spec.WarningsDropped;
        var message = Plural(spec.Operations.Count, "operation") + (warnings > 0 ? ", " + Plural(warnings, "warning") : "");
        return new SpecOutcome(spec, hosts, ApiSpecConditions.ReasonParsed, message);
    }

    private static string Plural(long count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    public static SpecOutcome Invalid(string reason, string message) =>
        new(null, [], reason, StatusText.OneLine(message));
}
