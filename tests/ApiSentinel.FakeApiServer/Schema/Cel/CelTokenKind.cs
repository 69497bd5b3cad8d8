namespace ApiSentinel.FakeApiServer.Schema.Cel;

internal enum CelTokenKind
{
    End,
    Identifier,
    Int,
    Uint,
    Double,
    String,
    Bytes,
    True,
    False,
    Null,
    In,
    /// <summary>Punctuation and operators; the text says which.</summary>
    Symbol,
}
