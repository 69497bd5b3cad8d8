namespace ApiSentinel.Collector.Specs;

/// <summary>
/// A spec document could not be loaded. The message is one line naming the source and, where known, the location
/// (line/column for syntax errors, a JSON pointer for structural ones), so an operator can fix the file directly.
/// Text quoted from the document is escaped by <see cref="Loading.SpecText"/> first: no control, line-break or
/// bidi character from the file reaches a terminal or a log line.
/// </summary>
public sealed class SpecException : Exception
{
    public SpecException()
    {
    }

    public SpecException(string message)
        : base(message)
    {
    }

    public SpecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The <see cref="Loading.SpecBudget"/> property that was exceeded, or null for other failures.</summary>
    public string? Budget { get; init; }
}
