namespace ApiSentinel.Sensor.Daemon.Hosting;

/// <summary>How a run ended: the exit code and, for a failure, the one line printed on stderr.</summary>
internal sealed record DaemonExit(int Code, string? Message)
{
    public static DaemonExit Success { get; } = new(ExitCodes.Success, null);

    public static DaemonExit Failure(string message) => new(ExitCodes.Failure, message);
}
