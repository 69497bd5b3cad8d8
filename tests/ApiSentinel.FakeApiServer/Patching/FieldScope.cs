namespace ApiSentinel.FakeApiServer.Patching;

/// <summary>
/// Which part of an object a write may change, and so which fields a manager can own through it: the main resource
/// of a kind with a status subresource leaves <c>.status</c> alone, its <c>/status</c> touches only <c>.status</c>.
/// </summary>
internal enum FieldScope
{
    /// <summary>A kind without a status subresource: status is an ordinary field.</summary>
    Whole,
    /// <summary>The main resource of a kind with a status subresource.</summary>
    Main,
    /// <summary>The <c>/status</c> subresource.</summary>
    Status,
}
