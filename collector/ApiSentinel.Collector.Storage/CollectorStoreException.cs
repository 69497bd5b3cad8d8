namespace ApiSentinel.Collector.Storage;

/// <summary>
/// The state directory or its database cannot be used: not writable, in use by another collector, not a SQLite
/// database, another application's database, a newer schema, or corrupt. The message is one line for a person (the
/// service prints it and exits); nothing was written to the database before it was thrown.
/// </summary>
public sealed class CollectorStoreException : Exception
{
    public CollectorStoreException()
        : base("the collector's state cannot be opened")
    {
    }

    public CollectorStoreException(string message)
        : base(message)
    {
    }

    public CollectorStoreException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
