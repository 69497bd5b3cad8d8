namespace ApiSentinel.Collector.Service.Configuration;

/// <summary>A command line that is not one of ours (unknown switch, switch without a value): usage hint, exit code 2.</summary>
public sealed class CommandLineException : Exception
{
    public CommandLineException(string message)
        : base(message)
    {
    }

    public CommandLineException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public CommandLineException()
    {
    }
}
