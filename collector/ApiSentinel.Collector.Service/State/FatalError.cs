namespace ApiSentinel.Collector.Service.State;

/// <summary>
/// A failure after the host started that must end the process with one line and exit code 1 (the state could not be
/// restored): whoever hits it records it and stops the application; Program prints it.
/// </summary>
public sealed class FatalError
{
    private volatile string? _message;

    public string? Message => _message;

    public void Set(string message) => _message ??= message;
}
