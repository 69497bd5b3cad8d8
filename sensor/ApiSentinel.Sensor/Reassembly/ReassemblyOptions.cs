namespace ApiSentinel.Sensor.Reassembly;

/// <summary>Bounds of TCP reassembly; defaults are DESIGN.md's.</summary>
public sealed class ReassemblyOptions
{
    /// <summary>Out-of-order bytes held per connection, both directions together.</summary>
    public long MaxBufferedBytesPerConnection { get; set; } = 4L * 1024 * 1024;

    /// <summary>Out-of-order bytes held across all connections.</summary>
    public long MaxBufferedBytesTotal { get; set; } = 256L * 1024 * 1024;

    /// <summary>Data held above a hole, with no ACK covering the hole, before the hole is declared a gap.</summary>
    public long GapThresholdBytes { get; set; } = 16 * 1024;

    /// <summary>
    /// Connections tracked at once; opening one more evicts the least recently seen (counted in
    /// <see cref="ReassemblyCounters.ConnectionsEvicted"/>). Measured (bench/Adversarial, whole process): ~1.2 KB
    /// per SYN-only connection, ~4.8 KB per connection holding an unanswered request — so the default keeps a
    /// flood of either under ~350 MB. Raise it on nodes that really carry more concurrent connections.
    /// </summary>
    public int MaxConnections { get; set; } = DefaultMaxConnections;

    /// <summary>The default of <see cref="MaxConnections"/> (Linux's default conntrack table size on small nodes).</summary>
    public const int DefaultMaxConnections = 65_536;

    /// <summary>A connection with no packet for this long is closed.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
