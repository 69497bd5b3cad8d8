namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// An evaluation error as a value ("no such key: x", "integer overflow"), so <c>&amp;&amp;</c>, <c>||</c> and the
/// <c>all</c>/<c>exists</c> macros can absorb it the way CEL specifies instead of unwinding.
/// </summary>
internal sealed record CelError(string Message)
{
    public static CelError NoSuchOverload(string function) => new($"no such overload: {function}");
}
