namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>Why a call never reached the collector: the <c>reason</c> label of the drop counter, in one place.</summary>
internal static class DropReasons
{
    /// <summary>The upload queue was full; the oldest unnumbered call made room.</summary>
    public const string QueueFull = "queue_full";

    /// <summary>The daemon stopped (or a producer was still waiting on a full queue) before the call was acknowledged.</summary>
    public const string Shutdown = "shutdown";

    /// <summary>An exchange that is not an API call (a response without request, CONNECT, <c>*</c> target).</summary>
    public const string NotACall = "not_a_call";

    public static IReadOnlyList<string> All { get; } = [QueueFull, Shutdown, NotACall];
}
