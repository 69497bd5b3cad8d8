namespace ApiSentinel.Collector.Specs;

/// <summary>One observed endpoint to describe in a reconstructed spec. <paramref name="PathTemplate"/> uses <c>{name}</c> segments.</summary>
public sealed record ReconstructedEndpoint(
    string Host,
    string Method,
    string PathTemplate,
    ObservedShape Shape,
    string? RequestContentType,
    string? ResponseContentType,
    bool Authenticated)
{
    /// <summary>
    /// The value class the templater saw at each path parameter (<c>integer</c>, <c>uuid</c>, <c>word</c>, several
    /// joined by <c>|</c>) by parameter name; a parameter missing here is a string.
    /// </summary>
    public IReadOnlyDictionary<string, string> PathParameterClasses { get; init; } = new Dictionary<string, string>();
}
