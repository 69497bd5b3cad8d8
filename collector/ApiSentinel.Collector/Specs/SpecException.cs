namespace ApiSentinel.Collector.Specs;

/// <summary>
/// A spec document could not be loaded. The message is one line naming the source and, where known, the location
/// (line/column for syntax errors, a JSON pointer for structural ones), so an operator can fix the file directly.
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
}
