namespace ApiSentinel.Sensor.Reassembly;

/// <summary>Why the reassembler stopped tracking a connection.</summary>
public enum CloseReason
{
    /// <summary>Both sides sent FIN (and everything before them was delivered or declared a gap).</summary>
    Fin,
    /// <summary>Either side sent RST.</summary>
    Reset,
    /// <summary>No packet for longer than the idle timeout.</summary>
    IdleTimeout,
    /// <summary>Evicted by a global bound: total buffered bytes, or the number of tracked connections.</summary>
    Evicted,
    /// <summary>The capture ended (file end, or live capture stopped) with the connection still open.</summary>
    EndOfCapture,
}
