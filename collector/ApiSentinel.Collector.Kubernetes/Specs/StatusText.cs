using ApiSentinel.Collector.Specs.Loading;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// Text for an ApiSpec's status and Events: one line, escaped as the engine escapes text quoted from a document
/// (<see cref="SpecText"/>), and short enough for the schema's 4096-character message bound even when every
/// character had to be escaped.
/// </summary>
public static class StatusText
{
    /// <summary>Characters kept before escaping: each may become six (<c>\uXXXX</c>), and 600 × 6 stays under 4096.</summary>
    public const int MaxChars = 600;

    public static string OneLine(string? text) => SpecText.Escape(text, MaxChars);
}
