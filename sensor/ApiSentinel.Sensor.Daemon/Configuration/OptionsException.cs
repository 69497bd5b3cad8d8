namespace ApiSentinel.Sensor.Daemon.Configuration;

/// <summary>
/// An expected start-up failure — a bad option, an unreadable file, an unknown interface, a port in use. The message
/// is one line a person can act on; the daemon prints it as is and exits non-zero, never with a stack trace.
/// </summary>
internal sealed class OptionsException : Exception
{
    public OptionsException(string message) : base(message) { }

    public OptionsException(string message, Exception innerException) : base(message, innerException) { }

    public OptionsException() { }
}
