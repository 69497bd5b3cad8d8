namespace ApiSentinel.Sensor.Reassembly;

/// <summary>Running totals of TCP reassembly. Each bound that drops data has its own counter.</summary>
public sealed class ReassemblyCounters
{
    public long Segments;
    public long Connections;
    /// <summary>Connections first seen without their SYN (capture started mid-stream).</summary>
    public long MidStreamPickups;
    public long OutOfOrderSegments;
    /// <summary>Segments that carried only bytes already delivered (retransmissions).</summary>
    public long RetransmittedSegments;
    /// <summary>Bytes trimmed because they overlapped data already delivered or buffered.</summary>
    public long OverlapBytesTrimmed;
    public long Gaps;
    public long GapBytes;
    /// <summary>Times the per-connection buffer bound bit (buffered data was flushed past a hole as a gap).</summary>
    public long PerConnectionLimitHits;
    /// <summary>Times the global buffer bound bit (a connection was evicted).</summary>
    public long TotalLimitHits;
    /// <summary>Connections closed to make room under <see cref="ReassemblyOptions.MaxConnections"/> (least recently seen first).</summary>
    public long ConnectionsEvicted;
    public long IdleTimeouts;
    public long Resets;
    /// <summary>Bytes currently held out of order, across connections.</summary>
    public long BufferedBytes;
    /// <summary>Connections currently tracked.</summary>
    public long ActiveConnections;
}
