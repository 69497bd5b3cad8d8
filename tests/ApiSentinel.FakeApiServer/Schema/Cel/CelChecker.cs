using System.Globalization;

namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// The compile-time checks kube's CEL environment makes that matter here: references are declared (<c>self</c>,
/// <c>oldSelf</c>, macro variables), functions are in the subset, field selections name properties the schema has
/// (<c>undefined field 'x'</c>), and operators get operands of types they have overloads for
/// (<c>found no matching overload for '_==_' applied to '(string, int)'</c>). Types flow from the schema through
/// selections, indexes and macros; where it is open (preserved unknown fields, int-or-string, nullable, formats
/// kube maps to timestamps or durations) the type is dyn and checking stops, as in CEL.
/// </summary>
internal sealed class CelChecker
{
    public const string Self = "self";
    public const string OldSelf = "oldSelf";

    private static readonly HashSet<string> Numeric = new(StringComparer.Ordinal) { CelKinds.Int, CelKinds.Uint, CelKinds.Double };

    private static readonly Dictionary<string, string> FunctionResults = new(StringComparer.Ordinal)
    {
        ["size"] = CelKinds.Int, ["startsWith"] = CelKinds.Bool, ["endsWith"] = CelKinds.Bool, ["contains"] = CelKinds.Bool,
        ["matches"] = CelKinds.Bool, ["lowerAscii"] = CelKinds.String, ["upperAscii"] = CelKinds.String, ["trim"] = CelKinds.String,
        ["split"] = CelKinds.List, ["join"] = CelKinds.String, ["substring"] = CelKinds.String, ["replace"] = CelKinds.String,
        ["indexOf"] = CelKinds.Int, ["lastIndexOf"] = CelKinds.Int, ["int"] = CelKinds.Int, ["uint"] = CelKinds.Uint,
        ["double"] = CelKinds.Double, ["string"] = CelKinds.String, ["bool"] = CelKinds.Bool, ["bytes"] = CelKinds.Bytes,
    };

    public bool ReferencesOldSelf { get; private set; }

    /// <summary>Why the rule cannot run here (the first function outside the subset); checking goes on past it.</summary>
    public string? Unsupported { get; private set; }

    // At the root, kube's CEL sees only name and generateName of the object's metadata.
    private static readonly SchemaNode RootMetadata = SchemaNode.Parse(new System.Text.Json.Nodes.JsonObject
    {
        [SchemaKeywords.Type] = SchemaTypes.Object,
        [SchemaKeywords.Properties] = new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = new System.Text.Json.Nodes.JsonObject { [SchemaKeywords.Type] = SchemaTypes.String },
            ["generateName"] = new System.Text.Json.Nodes.JsonObject { [SchemaKeywords.Type] = SchemaTypes.String },
        },
    });

    private bool _isRoot;

    /// <summary>Checks the expression; returns the CEL type name of its result, null when dyn.</summary>
    /// <param name="isRoot">True for a rule on the object itself, whose <c>self.metadata</c> kube narrows.</param>
    public string? Check(CelNode node, SchemaNode? self, bool isRoot = false)
    {
        _isRoot = isRoot;
        var selfType = Typed.FromSchema(self);
        return TypeOf(node, new Scope(OldSelf, selfType, new Scope(Self, selfType, null))).Kind;
    }

    private Typed TypeOf(CelNode node, Scope scope)
    {
        switch (node)
        {
            case CelLiteral literal:
                return Typed.Of(CelKinds.OfValue(literal.Value));
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
            case CelSelect { Operand: CelIdent { Name: Self or OldSelf }, Field: "metadata" } when _isRoot:
                TypeOf(((CelSelect)node).Operand, scope);
                return Typed.FromSchema(RootMetadata);
            case CelSelect select:
                return Field(TypeOf(select.Operand, scope), select.Field);
            case CelHas has:
                Field(TypeOf(has.Select.Operand, scope), has.Select.Field);
                return Typed.Of(CelKinds.Bool);
            case CelIndex index:
                var operand = TypeOf(index.Operand, scope);
                TypeOf(index.Index, scope);
                return Typed.FromSchema(operand.Schema?.Items ?? operand.Schema?.AdditionalProperties);
            case CelCall call:
                return Call(call, scope);
            case CelListLiteral list:
                foreach (var item in list.Items)
                {
                    TypeOf(item, scope);
                }
                return Typed.Of(CelKinds.List);
            case CelMapLiteral map:
                foreach (var (key, value) in map.Entries)
                {
                    TypeOf(key, scope);
                    TypeOf(value, scope);
                }
                return Typed.Of(CelKinds.Map);
            case CelUnary unary:
                var inner = TypeOf(unary.Operand, scope);
                if (unary.Op == "!")
                {
                    Require(inner.Kind is null or CelKinds.Bool, "!_", inner);
                    return Typed.Of(CelKinds.Bool);
                }
                Require(inner.Kind is null or CelKinds.Int or CelKinds.Double, "-_", inner);
                return Typed.Of(inner.Kind);
            case CelBinary binary:
                return Binary(binary, TypeOf(binary.Left, scope), TypeOf(binary.Right, scope));
            case CelConditional conditional:
                var condition = TypeOf(conditional.Condition, scope);
                Require(condition.Kind is null or CelKinds.Bool, "_?_:_", condition);
                var then = TypeOf(conditional.Then, scope);
                var otherwise = TypeOf(conditional.Else, scope);
                return then.Kind == otherwise.Kind ? then : Typed.Dyn;
            case CelComprehension comprehension:
                return Comprehension(comprehension, scope);
            default:
                throw new CelUnsupportedException($"unsupported expression {node.GetType().Name}");
        }
    }

    private Typed Call(CelCall call, Scope scope)
    {
        if (call.Target is not null)
        {
            TypeOf(call.Target, scope);
        }
        foreach (var arg in call.Args)
        {
            TypeOf(arg, scope);
        }
        if (!CelFunctions.Supported.Contains(call.Function))
        {
            Unsupported ??= string.Create(CultureInfo.InvariantCulture, $"function '{call.Function}' is not supported");
            return Typed.Dyn;
        }
        return Typed.Of(FunctionResults.GetValueOrDefault(call.Function));
    }

    private Typed Comprehension(CelComprehension comprehension, Scope scope)
    {
        var range = TypeOf(comprehension.Range, scope);
        Require(range.Kind is null or CelKinds.List or CelKinds.Map, comprehension.Macro, range);
        // Over a list the variable is an element; over a map (or object) it is a key, a string.
        var element = range.Kind == CelKinds.List ? Typed.FromSchema(range.Schema?.Items)
            : range.Kind == CelKinds.Map ? Typed.Of(CelKinds.String)
            : Typed.Dyn;
        var inner = new Scope(comprehension.Variable, element, scope);
        if (comprehension.Filter is not null)
        {
            var filter = TypeOf(comprehension.Filter, inner);
            Require(filter.Kind is null or CelKinds.Bool, comprehension.Macro, filter);
        }
        var body = TypeOf(comprehension.Body, inner);
        if (comprehension.Macro == CelMacros.Map)
        {
            return Typed.Of(CelKinds.List);
        }
        Require(body.Kind is null or CelKinds.Bool, comprehension.Macro, body);
        return Typed.Of(comprehension.Macro == CelMacros.Filter ? CelKinds.List : CelKinds.Bool);
    }

    private static Typed Binary(CelBinary binary, Typed left, Typed right)
    {
        var op = binary.Op;
        var (l, r) = (left.Kind, right.Kind);
        var known = l is not null && r is not null;
        switch (op)
        {
            case "&&" or "||":
                Require(l is null or CelKinds.Bool && r is null or CelKinds.Bool, $"_{op}_", left, right);
                return Typed.Of(CelKinds.Bool);
            case "==" or "!=":
                Require(!known || l == r || l == CelKinds.Null || r == CelKinds.Null, $"_{op}_", left, right);
                return Typed.Of(CelKinds.Bool);
            case "<" or "<=" or ">" or ">=":
                Require(!known || (l == r && l is not CelKinds.List and not CelKinds.Map and not CelKinds.Null)
                    || (Numeric.Contains(l!) && Numeric.Contains(r!)), $"_{op}_", left, right);
                return Typed.Of(CelKinds.Bool);
            case "in":
                Require(r is null or CelKinds.List or CelKinds.Map, "@in", left, right);
                return Typed.Of(CelKinds.Bool);
            case "+":
                Require(!known || (l == r && l is CelKinds.Int or CelKinds.Uint or CelKinds.Double or CelKinds.String or CelKinds.Bytes or CelKinds.List), "_+_", left, right);
                return Typed.Of(l ?? r);
            case "%":
                Require(!known || (l == r && l is CelKinds.Int or CelKinds.Uint), "_%_", left, right);
                return Typed.Of(l ?? r);
            default:
                Require(!known || (l == r && Numeric.Contains(l!)), $"_{op}_", left, right);
                return Typed.Of(l ?? r);
        }
    }

    private static void Require(bool ok, string function, params Typed[] operands)
    {
        if (!ok)
        {
            throw new CelSyntaxException($"ERROR: <input>: found no matching overload for '{function}' applied to '({string.Join(", ", operands.Select(o => o.Kind ?? "dyn"))})'");
        }
    }

    private static Typed Field(Typed operand, string field)
    {
        var schema = operand.Schema;
        if (operand.Kind is not null and not CelKinds.Map)
        {
            throw new CelSyntaxException($"ERROR: <input>: type '{operand.Kind}' does not support field selection");
        }
        if (schema is null || schema.PreserveUnknownFields || schema.IntOrString)
        {
            return Typed.Dyn;
        }
        if (schema.AdditionalProperties is { } values)
        {
            return Typed.FromSchema(values);
        }
        if (schema.Properties.Count == 0)
        {
            return Typed.Dyn;
        }
        if (schema.Properties.TryGetValue(field, out var property) || schema.Properties.TryGetValue(CelNames.Unescape(field), out property))
        {
            return Typed.FromSchema(property);
        }
        throw new CelSyntaxException($"ERROR: <input>: undefined field '{field}'");
    }

    /// <summary>A static type: a kind (null for dyn) and, for values from the object, their schema.</summary>
    private sealed record Typed(string? Kind, SchemaNode? Schema)
    {
        public static readonly Typed Dyn = new(null, null);

        public static Typed Of(string? kind) => new(kind, null);

        public static Typed FromSchema(SchemaNode? schema) => schema is null ? Dyn : new(CelKinds.OfSchema(schema), schema);
    }

    private sealed record Scope(string Name, Typed Type, Scope? Parent)
    {
        public bool TryGet(string name, out Typed type)
        {
            for (var scope = this; scope is not null; scope = scope.Parent)
            {
                if (scope.Name == name)
                {
                    type = scope.Type;
                    return true;
                }
            }
            type = Typed.Dyn;
            return false;
        }
    }
}
