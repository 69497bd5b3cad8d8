namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// One compiled rule: parsed and checked against the schema of the node it sits on. <see cref="Compile"/> throws
/// <see cref="CelSyntaxException"/> for what the real server would refuse and <see cref="CelUnsupportedException"/>
/// for what this subset cannot run.
/// </summary>
public sealed class CelProgram
{
    private readonly CelNode _root;

    private CelProgram(CelNode root, bool isTransition)
    {
        _root = root;
        IsTransitionRule = isTransition;
    }

    /// <summary>True when the rule reads <c>oldSelf</c>: it runs on updates only.</summary>
    public bool IsTransitionRule { get; }

    public static CelProgram Compile(string rule, SchemaNode? self)
    {
        var root = CelParser.Parse(rule);
        var checker = new CelChecker();
        checker.Check(root, self);
        if (checker.Unsupported is { } reason)
        {
            throw new CelUnsupportedException(reason);
        }
        return new CelProgram(root, checker.ReferencesOldSelf);
    }

    /// <summary>
    /// The rule's value over already-converted CEL values: a bool, or another value, or an error message
    /// (<paramref name="error"/> non-null).
    /// </summary>
    internal object? Run(object? self, object? oldSelf, bool hasOldSelf, out string? error)
    {
        var scope = new CelScope(CelChecker.Self, self, null);
        if (hasOldSelf)
        {
            scope = new CelScope(CelChecker.OldSelf, oldSelf, scope);
        }
        var result = CelEvaluator.Evaluate(_root, scope);
        error = (result as CelError)?.Message;
        return result;
    }

    /// <summary>Evaluates over JSON values read with <paramref name="schema"/>'s types; for tests and tools.</summary>
    public object? Evaluate(System.Text.Json.Nodes.JsonNode? self, SchemaNode? schema, System.Text.Json.Nodes.JsonNode? oldSelf, out string? error) =>
        Run(CelValues.FromJson(self, schema), CelValues.FromJson(oldSelf, schema), oldSelf is not null, out error);
}
