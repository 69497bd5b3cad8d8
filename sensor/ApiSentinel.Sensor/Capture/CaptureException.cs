namespace ApiSentinel.Sensor.Capture;

/// <summary>
/// Input that cannot be captured from at all. The message is one line a person can act on
/// ("file.pcap: not a pcap or pcapng file (magic 0x…)"); callers print it as is, never a stack trace.
/// </summary>
public sealed class CaptureException : Exception
{
    public CaptureException(string message) : base(message) { }

    public CaptureException(string message, Exception innerException) : base(message, innerException) { }

    public CaptureException() { }
}
