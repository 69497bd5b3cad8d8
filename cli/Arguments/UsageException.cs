namespace ApiSentinel.Cli.Arguments;

/// <summary>The command line is wrong. Printed as one line plus a pointer to --help; exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
