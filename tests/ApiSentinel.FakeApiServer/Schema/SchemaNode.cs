using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>
/// One node of an openAPIV3Schema, read once into typed fields so validation, pruning and defaulting do not re-parse
/// JSON on every write. Keywords of the wrong JSON type are ignored here; <see cref="StructuralSchema"/> reports them.
/// </summary>
public sealed class SchemaNode
{
    private static readonly Dictionary<string, SchemaNode> NoProperties = [];

    public string? Type { get; private init; }
    public string? Format { get; private init; }
    public bool Nullable { get; private init; }
    public JsonNode? Default { get; private init; }
    public bool HasDefault { get; private init; }
    public JsonArray? Enum { get; private init; }
    public string? PatternText { get; private init; }
    public Regex? Pattern { get; private init; }
    public double? Maximum { get; private init; }
    public double? Minimum { get; private init; }
    public bool ExclusiveMaximum { get; private init; }
    public bool ExclusiveMinimum { get; private init; }
    public double? MultipleOf { get; private init; }
    public long? MaxLength { get; private init; }
    public long? MinLength { get; private init; }
    public long? MaxItems { get; private init; }
    public long? MinItems { get; private init; }
    public long? MaxProperties { get; private init; }
    public long? MinProperties { get; private init; }
    public IReadOnlyList<string> Required { get; private init; } = [];
    public IReadOnlyDictionary<string, SchemaNode> Properties { get; private init; } = NoProperties;
    /// <summary>The schema of values under keys not in <see cref="Properties"/> (a map), if any.</summary>
    public SchemaNode? AdditionalProperties { get; private init; }
    /// <summary><c>additionalProperties: false</c>.</summary>
    public bool AdditionalPropertiesForbidden { get; private init; }
    public SchemaNode? Items { get; private init; }
    public IReadOnlyList<SchemaNode> AllOf { get; private init; } = [];
    public IReadOnlyList<SchemaNode> AnyOf { get; private init; } = [];
    public IReadOnlyList<SchemaNode> OneOf { get; private init; } = [];
    public SchemaNode? Not { get; private init; }
    public bool PreserveUnknownFields { get; private init; }
    public bool IntOrString { get; private init; }
    public bool EmbeddedResource { get; private init; }
    public string? ListType { get; private init; }
    public IReadOnlyList<string> ListMapKeys { get; private init; } = [];
    public IReadOnlyList<SchemaRule> Rules { get; private init; } = [];

    /// <summary>The word CEL failures print as the invalid value: the node's type, empty when it has none (as kube).</summary>
    public string TypeWord => Type ?? "";

    /// <summary>True when the node is a map: values under any key follow <see cref="AdditionalProperties"/>.</summary>
    public bool IsMap => AdditionalProperties is not null;

    public static SchemaNode Parse(JsonObject schema)
    {
        var pattern = Str(schema, SchemaKeywords.Pattern);
        Regex? regex = null;
        if (pattern is not null)
        {
            Re2Regex.TryCreate(pattern, out regex, out _);
        }
        var additional = schema[SchemaKeywords.AdditionalProperties];
        return new SchemaNode
        {
            Type = Str(schema, SchemaKeywords.Type),
            Format = Str(schema, SchemaKeywords.Format),
            Nullable = Bool(schema, SchemaKeywords.Nullable),
            HasDefault = schema.ContainsKey(SchemaKeywords.Default),
            Default = schema[SchemaKeywords.Default],
            Enum = schema[SchemaKeywords.Enum] as JsonArray,
            PatternText = pattern,
            Pattern = regex,
            Maximum = Number(schema, SchemaKeywords.Maximum),
            Minimum = Number(schema, SchemaKeywords.Minimum),
            ExclusiveMaximum = Bool(schema, SchemaKeywords.ExclusiveMaximum),
            ExclusiveMinimum = Bool(schema, SchemaKeywords.ExclusiveMinimum),
            MultipleOf = Number(schema, SchemaKeywords.MultipleOf),
            MaxLength = Integer(schema, SchemaKeywords.MaxLength),
            MinLength = Integer(schema, SchemaKeywords.MinLength),
            MaxItems = Integer(schema, SchemaKeywords.MaxItems),
            MinItems = Integer(schema, SchemaKeywords.MinItems),
            MaxProperties = Integer(schema, SchemaKeywords.MaxProperties),
            MinProperties = Integer(schema, SchemaKeywords.MinProperties),
            Required = Strings(schema, SchemaKeywords.Required),
            Properties = schema[SchemaKeywords.Properties] is JsonObject props
                ? props.Where(p => p.Value is JsonObject).ToDictionary(p => p.Key, p => Parse((JsonObject)p.Value!), StringComparer.Ordinal)
                : NoProperties,
            AdditionalProperties = additional is JsonObject a ? Parse(a)
                : additional is JsonValue v && v.GetValueKind() == JsonValueKind.True ? new SchemaNode { PreserveUnknownFields = true }
                : null,
            AdditionalPropertiesForbidden = additional is JsonValue f && f.GetValueKind() == JsonValueKind.False,
            Items = schema[SchemaKeywords.Items] as JsonObject is { } items ? Parse(items) : null,
            AllOf = Nodes(schema, SchemaKeywords.AllOf),
            AnyOf = Nodes(schema, SchemaKeywords.AnyOf),
            OneOf = Nodes(schema, SchemaKeywords.OneOf),
            Not = schema[SchemaKeywords.Not] as JsonObject is { } not ? Parse(not) : null,
            PreserveUnknownFields = Bool(schema, SchemaKeywords.PreserveUnknownFields),
            IntOrString = Bool(schema, SchemaKeywords.IntOrString),
            EmbeddedResource = Bool(schema, SchemaKeywords.EmbeddedResource),
            ListType = Str(schema, SchemaKeywords.ListType),
            ListMapKeys = Strings(schema, SchemaKeywords.ListMapKeys),
            Rules = ReadRules(schema),
        };
    }

    private static List<SchemaRule> ReadRules(JsonObject schema)
    {
        if (schema[SchemaKeywords.Validations] is not JsonArray rules)
        {
            return [];
        }
        var list = new List<SchemaRule>();
        foreach (var r in rules.OfType<JsonObject>())
        {
            if (Str(r, "rule") is { } rule)
            {
                list.Add(new SchemaRule(rule, Str(r, "message"), Str(r, "messageExpression"), Str(r, "fieldPath"), Str(r, "reason")));
            }
        }
        return list;
    }

    private static string? Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool Bool(JsonObject o, string key) => o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static double? Number(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? JsonNumbers.GetDouble(v) : null;

    private static long? Integer(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && JsonNumbers.TryGetInteger(v, out var i) ? i : null;

    private static List<string> Strings(JsonObject o, string key) =>
        o[key] is JsonArray a
            ? [.. a.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>())]
            : [];

    private static List<SchemaNode> Nodes(JsonObject o, string key) =>
        o[key] is JsonArray a ? [.. a.OfType<JsonObject>().Select(Parse)] : [];
}
