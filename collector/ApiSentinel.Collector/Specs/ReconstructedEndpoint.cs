namespace ApiSentinel.Collector.Specs;

/// <summary>One observed endpoint to describe in a reconstructed spec. <paramref name="PathTemplate"/> uses <c>{name}</c> segments.</summary>
public sealed record ReconstructedEndpoint(
    string Host,
    string Method,
    string PathTemplate,
    ObservedShape Shape,
    string? RequestContentType,
    string? ResponseContentType,
    bool Authenticated);
