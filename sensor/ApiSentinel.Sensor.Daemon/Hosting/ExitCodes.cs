namespace ApiSentinel.Sensor.Daemon.Hosting;

/// <summary>The daemon's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Replay: every call acknowledged. Live: stopped by a signal.</summary>
    public const int Success = 0;

    /// <summary>A failure while running: the collector never acknowledged, capture failed.</summary>
    public const int Failure = 1;

    /// <summary>Could not start: a bad option, an unreadable file, an unknown interface, a port in use.</summary>
    public const int StartupError = 2;
}
