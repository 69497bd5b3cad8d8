namespace ApiSentinel.Collector.Service.Configuration;

/// <summary>The process's exit codes.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>An expected failure: bad option value, unreadable file, port in use, bad state directory.</summary>
    public const int Failure = 1;

    /// <summary>A wrong command line.</summary>
    public const int Usage = 2;
}
