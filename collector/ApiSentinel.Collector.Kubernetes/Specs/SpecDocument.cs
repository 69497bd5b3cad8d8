namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// Where an ApiSpec's document was found: its text and a source name for the parser's messages, or why it could not
/// be found (a <see cref="ApiSpecConditions"/> reason and a one-line message).
/// </summary>
public sealed record SpecDocument
{
    private SpecDocument(string? text, string sourceName, string? failureReason, string? failure)
    {
        Text = text;
        SourceName = sourceName;
        FailureReason = failureReason;
        Failure = failure;
    }

    public string? Text { get; }

    /// <summary>Names the document in messages: <c>apispec NS/NAME</c> or <c>configmap NS/NAME key KEY</c>.</summary>
    public string SourceName { get; }

    public string? FailureReason { get; }

    public string? Failure { get; }

    public bool Found => Text is not null;

    public static SpecDocument Of(string text, string sourceName) => new(text, sourceName, null, null);

    public static SpecDocument Missing(string sourceName, string reason, string message) => new(null, sourceName, reason, message);
}
