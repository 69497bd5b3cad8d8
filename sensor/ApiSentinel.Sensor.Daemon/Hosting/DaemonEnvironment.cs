using Microsoft.Extensions.Logging;

namespace ApiSentinel.Sensor.Daemon.Hosting;

/// <summary>What the daemon takes from its surroundings, replaceable in tests: clock, randomness, environment, logging.</summary>
internal sealed class DaemonEnvironment
{
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Jitter for reconnect backoff.</summary>
    public Random Random { get; init; } = Random.Shared;

    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;

    public string HostName { get; init; } = Environment.MachineName;

    /// <summary>Replaces the JSON console logger (tests capture the log lines).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    public static DaemonEnvironment Default { get; } = new();
}
