namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <param name="Text">The symbol or identifier as written; for literals the source text.</param>
/// <param name="Value">The decoded literal (long, ulong, double, string, byte[]), null otherwise.</param>
internal sealed record CelToken(CelTokenKind Kind, string Text, object? Value, int Position)
{
    public bool Is(string symbol) => Kind == CelTokenKind.Symbol && Text == symbol;
}
