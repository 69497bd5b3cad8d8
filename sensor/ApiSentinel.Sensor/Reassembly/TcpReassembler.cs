using System.Buffers;
using System.Runtime.CompilerServices;
using ApiSentinel.Sensor.Buffers;
using ApiSentinel.Sensor.Decode;

namespace ApiSentinel.Sensor.Reassembly;

/// <summary>
/// Turns captured TCP segments into the two ordered byte streams of each connection and hands them to an
/// <see cref="ITcpStreamHandler"/> per connection. Single-threaded: one instance per capture thread.
/// </summary>
/// <remarks>
/// <para><b>Delivery.</b> In-order payload is passed to the handler straight from the segment (no copy).
/// Out-of-order payload is copied into pooled arrays and delivered once the hole below it fills; buffered
/// bytes are delivered with the timestamp of the segment that made them deliverable (the moment a receiver
/// could have read them), so timestamps never go backwards within a direction. Overlaps: the first bytes
/// seen for a position win (delivered or buffered); later copies are trimmed and counted.</para>
/// <para><b>Gaps.</b> A hole becomes <see cref="ITcpStreamHandler.OnGap"/> when (1) the peer's ACK passes its
/// start — the receiver got bytes the capture missed; only up to the ACK, the rest of the hole may still
/// arrive; (2) more than <see cref="ReassemblyOptions.GapThresholdBytes"/> are buffered above it in that
/// direction; (3) a bound bites; (4) the connection closes (RST, both FINs, idle, eviction, end of capture).
/// A FIN alone does not declare the hole before it: a FIN overtaking the last data segment is common
/// reordering, and the peer's ACK of the FIN (rule 1) or the closing of the connection resolves it.</para>
/// <para><b>Roles.</b> SYN sender = client, SYN-ACK sender = server. Without either the connection is a
/// mid-stream pickup and <see cref="ServerRoleHeuristic"/> guesses; each direction's stream starts at the
/// first byte seen in it. Segments that carry no payload and no SYN never open a connection (a trailing ACK
/// or FIN of a closed connection must not resurrect it).</para>
/// <para><b>Port reuse.</b> A SYN (without ACK) on a tracked 4-tuple is a retransmission only when it repeats
/// the client's recorded SYN sequence number; any other SYN closes the old connection (flushed, then
/// <see cref="CloseReason.Fin"/> if either side had sent FIN, else <see cref="CloseReason.Reset"/>: the
/// client abandoned it) and opens a new one.</para>
/// <para><b>Bounds.</b> Bounds are checked right after bytes are buffered, so memory can exceed a bound by at
/// most one segment's payload for the duration of one <see cref="Process"/> call. Per connection: holes are
/// declared lowest first (in the direction holding more) until the connection is back under
/// <see cref="ReassemblyOptions.MaxBufferedBytesPerConnection"/>. Total: the connection holding the most
/// buffered bytes is evicted (flushed as gaps, then <see cref="CloseReason.Evicted"/>) — it is the one most
/// likely stalled behind a loss, and one eviction frees the most memory. Later segments of an evicted
/// connection open a mid-stream pickup. Count: at most <see cref="ReassemblyOptions.MaxConnections"/> connections
/// are tracked; opening one more first evicts the least recently seen (flushed, then
/// <see cref="CloseReason.Evicted"/>, counted in <see cref="ReassemblyCounters.ConnectionsEvicted"/>). Without
/// it 500 k SYN-only flows (a 35 MB pcap) took 1.2 GB (bench/Adversarial).</para>
/// <para><b>Recency.</b> Connections sit in a <see cref="ConnectionRecencyList"/> ordered by their last packet in
/// capture order; a segment moves its connection to the newest end in O(1).</para>
/// <para><b>Idle timeout.</b> <see cref="Process"/> calls <see cref="ExpireIdle"/> itself whenever capture time
/// has advanced a second past the last sweep (one comparison per segment); a sweep walks from the least recently
/// seen end and stops at the first connection that is not idle, so it costs O(expired), not O(connections).
/// Callers may call it too, e.g. on a live capture's idle ticks. (When capture time steps back — files read one
/// after another that overlap in time — recency follows capture order, and a connection is expired once the
/// sweep reaches it.)</para>
/// <para><b>Cost.</b> An in-order segment on a known connection is one dictionary lookup, a few comparisons and
/// one handler call, with no allocation. Measured (Release, one core of the dev VM, 1000 connections,
/// alternating 1400-byte data and pure ACKs, no-op handler): 9–12 M segments/s, 0 bytes allocated.</para>
/// <para><b>Handler exceptions</b> propagate to the caller. State is updated before each handler call, so a
/// throw leaves the reassembler consistent: the bytes or gap passed to the throwing call count as delivered,
/// pooled arrays are returned, and a connection being closed is already out of the table (its handler gets
/// no further calls, including no <see cref="ITcpStreamHandler.OnClose"/>). Handlers must not call back
/// into the reassembler.</para>
/// </remarks>
public sealed class TcpReassembler
{
    private const long IdleScanIntervalMicros = 1_000_000;

    private readonly ITcpStreamHandlerFactory _factory;
    private readonly ReassemblyCounters _counters;
    private readonly Dictionary<ConnectionKey, TcpConnection> _connections = new();
    private readonly ConnectionRecencyList _recency = new();
    private readonly int _maxConnections;
    private readonly long _maxBufferedPerConnection;
    private readonly long _maxBufferedTotal;
    private readonly long _gapThreshold;
    private readonly long _idleTimeoutMicros;

    // Kept here, not read back from the counters, because several reassemblers may share one counters object.
    private long _bufferedTotal;
    private long _lastConnectionId;
    private long _nextIdleScanMicros = long.MinValue;

    public TcpReassembler(ReassemblyOptions options, ITcpStreamHandlerFactory factory, ReassemblyCounters counters)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(counters);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxBufferedBytesPerConnection);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxBufferedBytesTotal);
        ArgumentOutOfRangeException.ThrowIfNegative(options.GapThresholdBytes);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(options.IdleTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        _maxConnections = options.MaxConnections;
        _factory = factory;
        _counters = counters;
        _maxBufferedPerConnection = options.MaxBufferedBytesPerConnection;
        _maxBufferedTotal = options.MaxBufferedBytesTotal;
        _gapThreshold = options.GapThresholdBytes;
        _idleTimeoutMicros = options.IdleTimeout.Ticks / TimeSpan.TicksPerMicrosecond;
    }

    /// <summary>Connections currently tracked by this instance.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Processes a segment, with its own timestamp as capture time (capture files).</summary>
    public void Process(in TcpSegment segment) => Process(in segment, segment.TimestampMicros);

    /// <summary>
    /// Processes a segment at capture time <paramref name="clockMicros"/>: the caller's clock, which never goes back
    /// (a live pipeline's newest frame or tick). The connection's last-seen time and the idle sweeps run on it; the
    /// handler still gets the segment's own timestamp. On a live link both are wall time, and when NTP steps the clock
    /// back, packets stamped before the last tick must still count as "now", or every tick until the wall clock
    /// catches up would expire every active connection.
    /// </summary>
    public void Process(in TcpSegment segment, long clockMicros)
    {
        _counters.Segments++;
        long now = segment.TimestampMicros;
        if (clockMicros >= _nextIdleScanMicros)
        {
            ExpireIdle(clockMicros);
        }

        var key = new ConnectionKey(segment.Source, segment.Destination);
        if (!_connections.TryGetValue(key, out TcpConnection? connection))
        {
            connection = TryOpen(in segment, key);
            if (connection is null)
            {
                return;
            }
        }
        else if ((segment.Flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn && IsNewIncarnation(connection, in segment))
        {
            connection = ReplaceReusedConnection(connection, in segment, key);
            if (connection is null)
            {
                return;
            }
        }

        connection.LastSeenMicros = clockMicros;
        _recency.Touch(connection);
        FlowDirection direction = segment.Source.Equals(connection.Info.Client)
            ? FlowDirection.ClientToServer
            : FlowDirection.ServerToClient;
        TcpHalfStream sender = connection.Half(direction);

        // The ACK describes what the peer's receiver already got, which happened before this segment was sent:
        // resolve the peer's holes first.
        if (segment.Has(TcpFlags.Ack))
        {
            TcpHalfStream receiver = connection.Half(Opposite(direction));
            if (receiver.Started && receiver.HasHole && ApplyAcknowledgment(connection, receiver, Opposite(direction), segment.Acknowledgment, now))
            {
                return;
            }
        }

        if (segment.Has(TcpFlags.Rst))
        {
            _counters.Resets++;
            Close(connection, CloseReason.Reset, now);
            return;
        }

        uint dataSequence = segment.Sequence;
        if (segment.Has(TcpFlags.Syn))
        {
            dataSequence = unchecked(dataSequence + 1); // the SYN occupies one sequence number
            if (!sender.Started)
            {
                sender.Start(dataSequence);
            }
        }

        ReadOnlySpan<byte> payload = segment.Payload;
        bool hasFin = segment.Has(TcpFlags.Fin);
        if (!sender.Started)
        {
            if (payload.IsEmpty && !hasFin)
            {
                return;
            }
            sender.Start(dataSequence);
        }

        long offset = sender.ToOffset(dataSequence);
        if (sender.Ended)
        {
            if (!payload.IsEmpty)
            {
                _counters.RetransmittedSegments++;
            }
            return;
        }

        if (!payload.IsEmpty && AcceptData(connection, sender, direction, offset, payload, now))
        {
            EnforceBounds(connection, sender, direction, now);
        }

        if (hasFin)
        {
            sender.MarkFin(offset + payload.Length);
        }
        if (sender.FinSeen && TryFinish(connection, sender, direction, now))
        {
            return;
        }
        if (connection.ClientToServer.FinSeen && connection.ServerToClient.FinSeen)
        {
            // Both sides are done talking: whatever is still missing will not be retransmitted into our view.
            Close(connection, CloseReason.Fin, now);
            return;
        }

        if (_bufferedTotal > _maxBufferedTotal)
        {
            EvictUntilUnderTotal(now);
        }
    }

    /// <summary>
    /// Closes (<see cref="CloseReason.IdleTimeout"/>) every connection with no packet for longer than the idle timeout,
    /// measured on the clock passed to <see cref="Process(in TcpSegment, long)"/>.
    /// </summary>
    public void ExpireIdle(long nowMicros)
    {
        _nextIdleScanMicros = nowMicros > long.MaxValue - IdleScanIntervalMicros ? long.MaxValue : nowMicros + IdleScanIntervalMicros;
        // Close unlinks before calling the handler, so Oldest is the next candidate even if a handler throws.
        while (_recency.Oldest is { } oldest && nowMicros - oldest.LastSeenMicros > _idleTimeoutMicros)
        {
            _counters.IdleTimeouts++;
            Close(oldest, CloseReason.IdleTimeout, nowMicros);
        }
    }

    /// <summary>End of capture: every connection delivers what it holds (gaps declared) and closes with <see cref="CloseReason.EndOfCapture"/>.</summary>
    public void CloseAll(long nowMicros)
    {
        foreach (TcpConnection connection in _connections.Values)
        {
            Close(connection, CloseReason.EndOfCapture, nowMicros);
        }
    }

    private TcpConnection? TryOpen(in TcpSegment segment, ConnectionKey key)
    {
        TcpFlags flags = segment.Flags;
        if ((flags & TcpFlags.Rst) != 0)
        {
            return null;
        }

        NetEndpoint client;
        NetEndpoint server;
        bool handshakeSeen;
        if ((flags & TcpFlags.Syn) != 0)
        {
            bool synAck = (flags & TcpFlags.Ack) != 0;
            client = synAck ? segment.Destination : segment.Source;
            server = synAck ? segment.Source : segment.Destination;
            handshakeSeen = true;
        }
        else if (segment.Payload.IsEmpty)
        {
            return null;
        }
        else
        {
            bool destinationIsServer = ServerRoleHeuristic.DestinationIsServer(segment.Source.Port, segment.Destination.Port);
            client = destinationIsServer ? segment.Source : segment.Destination;
            server = destinationIsServer ? segment.Destination : segment.Source;
            handshakeSeen = false;
        }

        if (_connections.Count >= _maxConnections)
        {
            EvictLeastRecentlySeen(segment.TimestampMicros);
        }

        long id = _lastConnectionId + 1;
        var info = new ConnectionInfo(id, client, server, segment.TimestampMicros, handshakeSeen);
        // The factory runs before any state changes, so a throwing factory leaves nothing half-registered.
        ITcpStreamHandler handler = _factory.Create(info);
        _lastConnectionId = id;
        var connection = new TcpConnection(key, info, handler, segment.TimestampMicros);
        if ((flags & (TcpFlags.Syn | TcpFlags.Ack)) == TcpFlags.Syn)
        {
            connection.ClientInitialSequence = segment.Sequence;
        }
        _connections.Add(key, connection);
        _recency.AddNewest(connection);
        _counters.Connections++;
        _counters.ActiveConnections++;
        if (!handshakeSeen)
        {
            _counters.MidStreamPickups++;
        }
        return connection;
    }

    private static bool IsNewIncarnation(TcpConnection connection, in TcpSegment segment) =>
        !(connection.ClientInitialSequence == segment.Sequence && segment.Source.Equals(connection.Info.Client));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private TcpConnection? ReplaceReusedConnection(TcpConnection old, in TcpSegment segment, ConnectionKey key)
    {
        bool finished = old.ClientToServer.FinSeen || old.ServerToClient.FinSeen;
        Close(old, finished ? CloseReason.Fin : CloseReason.Reset, segment.TimestampMicros);
        return TryOpen(in segment, key);
    }

    /// <summary>
    /// Delivers or buffers one segment's payload. Returns true when bytes were buffered (bounds need checking).
    /// </summary>
    private bool AcceptData(TcpConnection connection, TcpHalfStream half, FlowDirection direction, long offset,
        ReadOnlySpan<byte> payload, long now)
    {
        long end = offset + payload.Length;
        if (half.FinSeen && end > half.FinOffset)
        {
            // Bytes past the FIN cannot be part of this stream.
            long keep = Math.Max(0, half.FinOffset - offset);
            payload = payload[..(int)Math.Min(keep, payload.Length)];
            end = offset + payload.Length;
            if (payload.IsEmpty)
            {
                return false;
            }
        }

        long next = half.NextOffset;
        if (end <= next)
        {
            _counters.RetransmittedSegments++;
            return false;
        }
        if (offset < next)
        {
            int trim = (int)(next - offset);
            _counters.OverlapBytesTrimmed += trim;
            payload = payload[trim..];
            offset = next;
        }

        if (offset == next)
        {
            if (half.BufferedBytes == 0)
            {
                // The common case: straight from the capture buffer to the handler.
                half.NextOffset = end;
                connection.Handler.OnData(direction, payload, now);
                return false;
            }
            return FillHole(connection, half, direction, payload, now);
        }

        int stored = half.Insert(offset, payload);
        if (stored == 0)
        {
            _counters.RetransmittedSegments++;
            return false;
        }
        _counters.OutOfOrderSegments++;
        _counters.OverlapBytesTrimmed += payload.Length - stored;
        AddBuffered(stored);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool FillHole(TcpConnection connection, TcpHalfStream half, FlowDirection direction,
        ReadOnlySpan<byte> payload, long now)
    {
        long offset = half.NextOffset;
        int direct = (int)Math.Min(payload.Length, half.FirstBufferedOffset - offset);
        ReadOnlySpan<byte> rest = payload[direct..];
        int stored = 0;
        if (!rest.IsEmpty)
        {
            // The tail runs into buffered data; keep only what fills the holes between buffered pieces.
            stored = half.Insert(offset + direct, rest);
            _counters.OverlapBytesTrimmed += rest.Length - stored;
            AddBuffered(stored);
        }
        half.NextOffset = offset + direct;
        connection.Handler.OnData(direction, payload[..direct], now);
        DeliverBuffered(connection, half, direction, now);
        return stored != 0;
    }

    /// <summary>Delivers buffered pieces while the lowest one is contiguous with what was delivered.</summary>
    private void DeliverBuffered(TcpConnection connection, TcpHalfStream half, FlowDirection direction, long now)
    {
        while (half.TryTakeDeliverable(out BufferedSegment segment))
        {
            _bufferedTotal -= segment.Length;
            _counters.BufferedBytes -= segment.Length;
            long skip = half.NextOffset - segment.Offset; // zero by construction; defensive
            try
            {
                if (skip < segment.Length)
                {
                    half.NextOffset = segment.End;
                    connection.Handler.OnData(direction, segment.Data[(int)skip..], now);
                }
            }
            finally
            {
                PayloadBuffers.ReturnWiped(segment.Array, segment.Length);
            }
        }
    }

    private void DeclareGap(TcpConnection connection, TcpHalfStream half, FlowDirection direction, long upTo, long now)
    {
        long missing = upTo - half.NextOffset;
        half.NextOffset = upTo;
        _counters.Gaps++;
        _counters.GapBytes += missing;
        connection.Handler.OnGap(direction, missing, now);
    }

    /// <summary>
    /// Declares holes below <paramref name="limit"/> as gaps, delivering what follows each, until the stream
    /// reaches <paramref name="limit"/> or nothing is waiting.
    /// </summary>
    private void SkipHolesBelow(TcpConnection connection, TcpHalfStream half, FlowDirection direction, long limit, long now)
    {
        while (true)
        {
            DeliverBuffered(connection, half, direction, now);
            long boundary;
            if (half.BufferedBytes != 0)
            {
                boundary = half.FirstBufferedOffset;
            }
            else if (half.FinSeen && half.NextOffset < half.FinOffset)
            {
                boundary = half.FinOffset;
            }
            else
            {
                return;
            }
            long gapEnd = Math.Min(boundary, limit);
            if (gapEnd <= half.NextOffset)
            {
                return;
            }
            DeclareGap(connection, half, direction, gapEnd, now);
        }
    }

    /// <summary>Declares the lowest hole a gap and delivers the buffered run above it.</summary>
    private void SkipFirstHole(TcpConnection connection, TcpHalfStream half, FlowDirection direction, long now)
    {
        if (half.FirstBufferedOffset > half.NextOffset)
        {
            DeclareGap(connection, half, direction, half.FirstBufferedOffset, now);
        }
        DeliverBuffered(connection, half, direction, now);
    }

    /// <summary>Applies the peer's ACK to <paramref name="half"/>; returns true when that closed the connection.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool ApplyAcknowledgment(TcpConnection connection, TcpHalfStream half, FlowDirection direction,
        uint acknowledgment, long now)
    {
        long acknowledged = half.ToOffset(acknowledgment);
        if (acknowledged <= half.NextOffset)
        {
            return false;
        }
        SkipHolesBelow(connection, half, direction, acknowledged, now);
        return half.FinSeen && TryFinish(connection, half, direction, now);
    }

    /// <summary>
    /// Delivers end-of-stream once everything before the FIN is delivered; closes the connection when both
    /// directions have ended. Returns true when the connection was closed.
    /// </summary>
    private bool TryFinish(TcpConnection connection, TcpHalfStream half, FlowDirection direction, long now)
    {
        if (half.Ended || half.NextOffset < half.FinOffset || half.BufferedBytes != 0)
        {
            return false;
        }
        half.Ended = true;
        connection.Handler.OnEndOfStream(direction, now);
        if (connection.ClientToServer.Ended && connection.ServerToClient.Ended)
        {
            Close(connection, CloseReason.Fin, now);
            return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EnforceBounds(TcpConnection connection, TcpHalfStream half, FlowDirection direction, long now)
    {
        while (half.BufferedBytes > _gapThreshold)
        {
            SkipFirstHole(connection, half, direction, now);
        }

        if (half.BufferedSegmentCount > TcpHalfStream.MaxBufferedSegments)
        {
            _counters.PerConnectionLimitHits++;
            while (half.BufferedSegmentCount > TcpHalfStream.MaxBufferedSegments)
            {
                SkipFirstHole(connection, half, direction, now);
            }
        }

        if (connection.BufferedBytes > _maxBufferedPerConnection)
        {
            _counters.PerConnectionLimitHits++;
            while (connection.BufferedBytes > _maxBufferedPerConnection)
            {
                FlowDirection fuller = connection.ClientToServer.BufferedBytes >= connection.ServerToClient.BufferedBytes
                    ? FlowDirection.ClientToServer
                    : FlowDirection.ServerToClient;
                SkipFirstHole(connection, connection.Half(fuller), fuller, now);
            }
        }
    }

    /// <summary>
    /// Makes room for one more connection. The least recently seen goes: under a flood of new flows it is the one
    /// least likely to carry anything more, and it is found without a search.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EvictLeastRecentlySeen(long now)
    {
        while (_connections.Count >= _maxConnections && _recency.Oldest is { } oldest)
        {
            _counters.ConnectionsEvicted++;
            Close(oldest, CloseReason.Evicted, now);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EvictUntilUnderTotal(long now)
    {
        while (_bufferedTotal > _maxBufferedTotal)
        {
            // Linear scan: this runs only when the global bound bites, never per segment.
            TcpConnection? victim = null;
            foreach (TcpConnection candidate in _connections.Values)
            {
                if (victim is null || candidate.BufferedBytes > victim.BufferedBytes)
                {
                    victim = candidate;
                }
            }
            if (victim is null || victim.BufferedBytes == 0)
            {
                return;
            }
            _counters.TotalLimitHits++;
            Close(victim, CloseReason.Evicted, now);
        }
    }

    /// <summary>
    /// Removes the connection, flushes both directions (holes declared as gaps, buffered data delivered,
    /// end-of-stream where the FIN was reached), then <see cref="ITcpStreamHandler.OnClose"/>.
    /// </summary>
    private void Close(TcpConnection connection, CloseReason reason, long now)
    {
        _connections.Remove(connection.Key);
        _recency.Remove(connection);
        _counters.ActiveConnections--;
        try
        {
            Flush(connection, connection.ClientToServer, FlowDirection.ClientToServer, now);
            Flush(connection, connection.ServerToClient, FlowDirection.ServerToClient, now);
        }
        finally
        {
            // Only non-zero if a handler threw mid-flush.
            long dropped = connection.ClientToServer.ReleaseAll() + connection.ServerToClient.ReleaseAll();
            AddBuffered(-dropped);
        }
        connection.Handler.OnClose(reason, now);
    }

    private void Flush(TcpConnection connection, TcpHalfStream half, FlowDirection direction, long now)
    {
        if (!half.Started || half.Ended)
        {
            return;
        }
        SkipHolesBelow(connection, half, direction, long.MaxValue, now);
        if (half.FinSeen && half.NextOffset >= half.FinOffset)
        {
            half.Ended = true;
            connection.Handler.OnEndOfStream(direction, now);
        }
    }

    private void AddBuffered(long bytes)
    {
        _bufferedTotal += bytes;
        _counters.BufferedBytes += bytes;
    }

    private static FlowDirection Opposite(FlowDirection direction) =>
        direction == FlowDirection.ClientToServer ? FlowDirection.ServerToClient : FlowDirection.ClientToServer;
}
