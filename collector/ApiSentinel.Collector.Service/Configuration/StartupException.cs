namespace ApiSentinel.Collector.Service.Configuration;

/// <summary>An expected failure at start (bad option, unreadable file, port in use): one line on stderr, exit code 1.</summary>
public sealed class StartupException : Exception
{
    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public StartupException()
    {
    }
}
