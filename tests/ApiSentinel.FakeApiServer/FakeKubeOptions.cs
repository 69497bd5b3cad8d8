namespace ApiSentinel.FakeApiServer;

/// <summary>How a <see cref="FakeKubeApiServer"/> runs.</summary>
public sealed class FakeKubeOptions
{
    /// <summary>The loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The clock of timestamps, fault durations, delays, bookmarks and watch timeouts.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Changes kept for watches that resume from a resourceVersion; an older one gets 410 Gone.</summary>
    public int WatchHistory { get; init; } = 1000;

    /// <summary>Events one watch may fall behind before the server closes it (as the real one drops slow watchers).</summary>
    public int WatchBuffer { get; init; } = 1000;

    /// <summary>How often a watch that allows bookmarks gets one.</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Checks the shape of built-in kinds (ConfigMap data strings, Secret base64, Event involvedObject).</summary>
    public bool ValidateBuiltIns { get; init; } = true;
}
