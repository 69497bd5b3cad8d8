namespace ApiSentinel.Cli.Commands;

/// <summary>The process exit codes, the same for every command.</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    /// <summary>The input could not be read, or only partly (missing file, bad capture, invalid spec).</summary>
    public const int InputError = 1;
    /// <summary>The command line is wrong.</summary>
    public const int UsageError = 2;
    /// <summary>A defect: an exception nobody expected. Still one line, never a stack trace.</summary>
    public const int InternalError = 70;
}
