namespace ApiSentinel.Collector.Catalog.State;

/// <summary>
/// A catalog state file that cannot be imported: not a state file, written by a newer format version, written under
/// other catalog options, truncated or corrupt. The message is one line meant for a person (the CLI and the service
/// print it as is) and never holds anything from the file's content.
/// </summary>
public sealed class CatalogStateException : Exception
{
    public CatalogStateException(string message)
        : base(message)
    {
    }

    public CatalogStateException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CatalogStateException()
        : base("invalid catalog state")
    {
    }
}
