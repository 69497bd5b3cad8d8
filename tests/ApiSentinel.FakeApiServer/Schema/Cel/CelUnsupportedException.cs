namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// A valid rule using what this subset does not implement (a function, macro or type outside it). The rule is
/// skipped and reported, never guessed at.
/// </summary>
public sealed class CelUnsupportedException : Exception
{
    public CelUnsupportedException() { }

    public CelUnsupportedException(string message) : base(message) { }

    public CelUnsupportedException(string message, Exception inner) : base(message, inner) { }
}
