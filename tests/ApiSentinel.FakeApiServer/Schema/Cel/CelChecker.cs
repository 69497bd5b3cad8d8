using System.Globalization;

namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// The compile-time checks kube's CEL environment makes that matter here: references are declared (<c>self</c>,
/// <c>oldSelf</c>, macro variables), functions are in the subset, and field selections name properties the schema
/// has (<c>undefined field 'x'</c>). Types flow through selections, indexes and macros; where a schema is open
/// (preserved unknown fields, an object without properties) checking stops, as with CEL's dyn.
/// </summary>
internal sealed class CelChecker
{
    public const string Self = "self";
    public const string OldSelf = "oldSelf";

    private static readonly SchemaNode Unknown = SchemaNode.Parse(new System.Text.Json.Nodes.JsonObject());

    public bool ReferencesOldSelf { get; private set; }

    /// <summary>Why the rule cannot run here (the first function outside the subset); checking goes on past it.</summary>
    public string? Unsupported { get; private set; }

    public void Check(CelNode node, SchemaNode? self) => TypeOf(node, new Scope(OldSelf, self, new Scope(Self, self, null)));

    private SchemaNode? TypeOf(CelNode node, Scope scope)
    {
        switch (node)
        {
            case CelLiteral:
                return null;
            case CelIdent ident:
                if (ident.Name == OldSelf)
                {
                    ReferencesOldSelf = true;
                }
                if (!scope.TryGet(ident.Name, out var type))
                {
                    throw new CelSyntaxException($"ERROR: <input>: undeclared reference to '{ident.Name}' (in container '')");
                }
                return type;
            case CelSelect select:
                return Field(TypeOf(select.Operand, scope), select.Field);
            case CelHas has:
                Field(TypeOf(has.Select.Operand, scope), has.Select.Field);
                return null;
            case CelIndex index:
                var operand = TypeOf(index.Operand, scope);
                TypeOf(index.Index, scope);
                return operand?.Items ?? operand?.AdditionalProperties;
            case CelCall call:
                if (!CelFunctions.Supported.Contains(call.Function))
                {
                    Unsupported ??= string.Create(CultureInfo.InvariantCulture, $"function '{call.Function}' is not supported");
                }
                if (call.Target is not null)
                {
                    TypeOf(call.Target, scope);
                }
                foreach (var arg in call.Args)
                {
                    TypeOf(arg, scope);
                }
                return null;
            case CelListLiteral list:
                foreach (var item in list.Items)
                {
                    TypeOf(item, scope);
                }
                return null;
            case CelMapLiteral map:
                foreach (var (key, value) in map.Entries)
                {
                    TypeOf(key, scope);
                    TypeOf(value, scope);
                }
                return null;
            case CelUnary unary:
                TypeOf(unary.Operand, scope);
                return null;
            case CelBinary binary:
                TypeOf(binary.Left, scope);
                TypeOf(binary.Right, scope);
                return null;
            case CelConditional conditional:
                TypeOf(conditional.Condition, scope);
                var then = TypeOf(conditional.Then, scope);
                TypeOf(conditional.Else, scope);
                return then;
            case CelComprehension comprehension:
                var range = TypeOf(comprehension.Range, scope);
                // Over a list the variable is an element; over a map (or object) it is a key, a string.
                var element = range?.Items ?? (range is null ? null : Unknown);
                var inner = new Scope(comprehension.Variable, element, scope);
                if (comprehension.Filter is not null)
                {
                    TypeOf(comprehension.Filter, inner);
                }
                TypeOf(comprehension.Body, inner);
                return null;
            default:
                throw new CelUnsupportedException($"unsupported expression {node.GetType().Name}");
        }
    }

    private static SchemaNode? Field(SchemaNode? operand, string field)
    {
        if (operand is null || operand == Unknown || operand.PreserveUnknownFields || operand.IntOrString)
        {
            return null;
        }
        if (operand.AdditionalProperties is { } values)
        {
            return values;
        }
        if (operand.Type is not null and not SchemaTypes.Object)
        {
            throw new CelSyntaxException($"ERROR: <input>: type '{operand.Type}' does not support field selection");
        }
        if (operand.Properties.Count == 0)
        {
            return null;
        }
        if (operand.Properties.TryGetValue(field, out var property) || operand.Properties.TryGetValue(CelNames.Unescape(field), out property))
        {
            return property;
        }
        throw new CelSyntaxException($"ERROR: <input>: undefined field '{field}'");
    }

    private sealed record Scope(string Name, SchemaNode? Type, Scope? Parent)
    {
        public bool TryGet(string name, out SchemaNode? type)
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                if (scope.Name == name)
                {
                    type = scope.Type;
                    return true;
                }
            }
            type = null;
            return false;
        }
    }
}
