namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// One compiled rule: parsed and checked against the schema of the node it sits on. <see cref="Compile"/> throws
/// <see cref="CelSyntaxException"/> for what the real server would refuse and <see cref="CelUnsupportedException"/>
/// for what this subset cannot run.
/// </summary>
public sealed class CelProgram
{
    private readonly CelNode _root;

    private CelProgram(CelNode root, bool isTransition, string? resultType)
    {
        _root = root;
        IsTransitionRule = isTransition;
        ResultType = resultType;
    }

    /// <summary>True when the rule reads <c>oldSelf</c>: it runs on updates only.</summary>
    public bool IsTransitionRule { get; }

    /// <summary>The CEL type of the result as far as the schema tells (<c>bool</c>, <c>string</c>, ...); null for dyn.</summary>
    public string? ResultType { get; }

    /// <param name="isRoot">True for a rule on the object's root schema (kube then exposes only metadata.name and generateName).</param>
    public static CelProgram Compile(string rule, SchemaNode? self, bool isRoot = false)
    {
        var root = CelParser.Parse(rule);
        var checker = new CelChecker();
        var resultType = checker.Check(root, self, isRoot);
        if (checker.Unsupported is { } reason)
        {
            throw new CelUnsupportedException(reason);
        }
        return new CelProgram(root, checker.ReferencesOldSelf, resultType);
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
