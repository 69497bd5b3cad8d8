namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>A rule that does not parse (or names an unknown field): the real server refuses the CRD with it.</summary>
public sealed class CelSyntaxException : Exception
{
    public CelSyntaxException() { }

    public CelSyntaxException(string message) : base(message) { }

    public CelSyntaxException(string message, Exception inner) : base(message, inner) { }
}
