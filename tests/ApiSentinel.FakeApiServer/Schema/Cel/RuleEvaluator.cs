using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// Runs a schema node's <c>x-kubernetes-validations</c> with kube's semantics: rules on a null value do not run,
/// transition rules (those reading <c>oldSelf</c>) run only when the old object has the value, a false result is
/// reported with <c>messageExpression</c>, <c>message</c> or "failed rule: RULE" at the node's path (plus
/// <c>fieldPath</c>) and with the rule's <c>reason</c>. Rules this subset cannot run are skipped and listed once.
/// </summary>
internal sealed class RuleEvaluator
{
    public static readonly RuleEvaluator None = new(enabled: false);

    private readonly bool _enabled;
    private readonly ConditionalWeakTable<SchemaRule, Compiled> _programs = [];
    private readonly List<string> _skipped = [];
    private readonly HashSet<SchemaRule> _skippedRules = [];
    private readonly Lock _gate = new();

    private readonly SchemaNode? _root;

    /// <param name="root">The object's root schema, whose rules see a narrowed <c>self.metadata</c>.</param>
    public RuleEvaluator(SchemaNode? root = null) : this(enabled: true) => _root = root;

    private RuleEvaluator(bool enabled) => _enabled = enabled;

    public IReadOnlyList<string> Skipped
    {
        get
        {
            lock (_gate)
            {
                return [.. _skipped];
            }
        }
    }

    /// <param name="transitionOnly">True for a ratcheted (unchanged) value: only rules reading oldSelf run.</param>
    public void Evaluate(SchemaNode schema, JsonNode value, JsonNode? old, string path, List<FieldError> errors, bool transitionOnly = false)
    {
        if (!_enabled || schema.Rules.Count == 0)
        {
            return;
        }
        object? self = null;
        object? oldSelf = null;
        var converted = false;
        foreach (var rule in schema.Rules)
        {
            var compiled = Compile(rule, schema);
            if (compiled.Program is not { } program)
            {
                continue;
            }
            if ((program.IsTransitionRule && old is null) || (transitionOnly && !program.IsTransitionRule))
            {
                continue;
            }
            if (!converted)
            {
                self = CelValues.FromJson(value, schema);
                oldSelf = old is null ? null : CelValues.FromJson(old, schema);
                converted = true;
            }
            var result = program.Run(self, oldSelf, old is not null, out var error);
            if (result is true)
            {
                continue;
            }
            var at = FieldPaths.Append(path, rule.FieldPath);
            if (error is not null)
            {
                errors.Add(FieldErrors.InvalidWord(at, schema.TypeWord, $"{error} evaluating rule: {RuleErrorString(rule)}"));
                continue;
            }
            var detail = result is false ? Message(rule, compiled.MessageProgram, self, oldSelf, old is not null) : "rule did not evaluate to a bool";
            errors.Add(FieldErrors.ForReason(rule.Reason ?? FieldErrorTypes.Invalid, at, schema.TypeWord, detail));
        }
    }

    /// <summary>kube's ruleErrorString: the message if any, else the rule, trimmed.</summary>
    private static string RuleErrorString(SchemaRule rule) =>
        string.IsNullOrWhiteSpace(rule.Message) ? rule.Rule.Trim() : rule.Message.Trim();

    private static string Message(SchemaRule rule, CelProgram? messageProgram, object? self, object? oldSelf, bool hasOld)
    {
        // A messageExpression that errs or yields an empty string falls back to message, as on the real server.
        if (messageProgram?.Run(self, oldSelf, hasOld, out _) is string text && !string.IsNullOrWhiteSpace(text))
        {
            return text.Trim();
        }
        return string.IsNullOrWhiteSpace(rule.Message) ? "failed rule: " + rule.Rule.Trim() : rule.Message.Trim();
    }

    private Compiled Compile(SchemaRule rule, SchemaNode schema)
    {
        lock (_gate)
        {
            if (_programs.TryGetValue(rule, out var done))
            {
                return done;
            }
            Compiled compiled;
            try
            {
                var program = CelProgram.Compile(rule.Rule, schema, ReferenceEquals(schema, _root));
                CelProgram? message = null;
                if (!string.IsNullOrWhiteSpace(rule.MessageExpression))
                {
                    try
                    {
                        message = CelProgram.Compile(rule.MessageExpression, schema, ReferenceEquals(schema, _root));
                    }
                    catch (Exception ex) when (ex is CelSyntaxException or CelUnsupportedException)
                    {
                        Skip(rule, $"messageExpression: {ex.Message}");
                    }
                }
                compiled = new Compiled(program, message);
            }
            catch (Exception ex) when (ex is CelSyntaxException or CelUnsupportedException)
            {
                Skip(rule, ex.Message);
                compiled = new Compiled(null, null);
            }
            _programs.Add(rule, compiled);
            return compiled;
        }
    }

    private void Skip(SchemaRule rule, string reason)
    {
        if (_skippedRules.Add(rule))
        {
            _skipped.Add($"{rule.Rule.Trim()}: {reason}");
        }
    }

    private sealed record Compiled(CelProgram? Program, CelProgram? MessageProgram);
}
