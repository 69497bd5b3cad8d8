namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>The values of a CEL rule's <c>reason</c> (kube accepts exactly these four).</summary>
public static class RuleReasons
{
    public static readonly IReadOnlyList<string> All =
        [FieldErrorTypes.Invalid, FieldErrorTypes.Forbidden, FieldErrorTypes.Required, FieldErrorTypes.Duplicate];
}
