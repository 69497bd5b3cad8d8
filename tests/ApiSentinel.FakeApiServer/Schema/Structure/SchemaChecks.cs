using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Schema.Cel;
using ApiSentinel.FakeApiServer.Schema.Mutation;
using ApiSentinel.FakeApiServer.Schema.Validation;

namespace ApiSentinel.FakeApiServer.Schema.Structure;

/// <summary>
/// The per-node rules of apiextensions' CRD schema validation (ValidateCustomResourceDefinitionOpenAPISchema and
/// the structural-schema invariants). Messages follow kube's <c>path: Kind: detail</c> lines.
/// </summary>
internal static class SchemaChecks
{
    private const string MetadataPath = ".properties[metadata]";

    public static List<string> Run(JsonObject root, string rootPath)
    {
        var problems = new List<string>();
        var rootType = Str(root, SchemaKeywords.Type);
        if (rootType is null && !Bool(root, SchemaKeywords.PreserveUnknownFields))
        {
            problems.Add($"{rootPath}.type: Required value: must not be empty at the root");
        }
        else if (rootType is not null and not SchemaTypes.Object)
        {
            problems.Add($"{rootPath}.type: Invalid value: {FieldErrors.Quote(rootType)}: must be object at the root");
        }
        CheckMetadata(root, rootPath, problems);
        SchemaWalker.Walk(root, rootPath, visit =>
        {
            var (node, path) = (visit.Node, visit.Path);
            CheckKeywords(node, path, problems);
            if (visit.InValueValidation)
            {
                CheckValueValidation(node, path, visit.IntOrStringBranch, problems);
            }
            else
            {
                CheckStructural(node, path, visit.Depth, problems);
                CheckDefault(node, path, problems);
                CheckListType(node, path, problems);
                CheckRules(node, path, visit.Uncorrelatable, visit.Depth == 0, problems);
            }
            CheckPattern(node, path, problems);
        });
        return problems;
    }

    private static void CheckKeywords(JsonObject node, string path, List<string> problems)
    {
        foreach (var (key, value) in node)
        {
            if (!SchemaKeywords.Known.Contains(key))
            {
                problems.Add($"{path}: unknown field \"{key}\"");
            }
        }
        foreach (var key in SchemaKeywords.ForbiddenEverywhere)
        {
            if (node.ContainsKey(key))
            {
                problems.Add($"{path}.{key}: Forbidden: {key} is not supported");
            }
        }
        if (node[SchemaKeywords.UniqueItems] is JsonValue u && u.GetValueKind() == JsonValueKind.True)
        {
            problems.Add($"{path}.uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic");
        }
        foreach (var keyword in new[] { SchemaKeywords.Properties })
        {
            if (node[keyword] is JsonObject map)
            {
                foreach (var (name, value) in map)
                {
                    if (value is not JsonObject)
                    {
                        problems.Add($"{path}.{keyword}[{name}]: Invalid value: {FieldErrors.FormatValue(value)}: must be a schema object");
                    }
                }
            }
            else if (node.ContainsKey(keyword))
            {
                problems.Add($"{path}.{keyword}: Invalid value: {FieldErrors.FormatValue(node[keyword])}: must be an object of schemas");
            }
        }
        foreach (var keyword in new[] { SchemaKeywords.AllOf, SchemaKeywords.AnyOf, SchemaKeywords.OneOf, SchemaKeywords.Enum, SchemaKeywords.Required, SchemaKeywords.Validations })
        {
            if (node.ContainsKey(keyword) && node[keyword] is not JsonArray)
            {
                problems.Add($"{path}.{keyword}: Invalid value: {FieldErrors.FormatValue(node[keyword])}: must be a list");
            }
        }
        // additionalProperties: true beside properties is accepted by kube; false or a schema is not.
        var additional = node[SchemaKeywords.AdditionalProperties];
        if (additional is not null && !(additional is JsonValue allow && allow.GetValueKind() == JsonValueKind.True)
            && node[SchemaKeywords.Properties] is JsonObject { Count: > 0 })
        {
            problems.Add($"{path}.additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive");
        }
        if (node[SchemaKeywords.Items] is JsonArray)
        {
            problems.Add($"{path}.items: Forbidden: items must be a schema object and not an array");
        }
        if (node[SchemaKeywords.PreserveUnknownFields] is JsonValue p && p.GetValueKind() == JsonValueKind.False)
        {
            problems.Add($"{path}.x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined");
        }
        foreach (var bound in new[] { SchemaKeywords.MaxLength, SchemaKeywords.MinLength, SchemaKeywords.MaxItems, SchemaKeywords.MinItems, SchemaKeywords.MaxProperties, SchemaKeywords.MinProperties })
        {
            if (node[bound] is JsonValue b && (b.GetValueKind() != JsonValueKind.Number || !JsonNumbers.TryGetInteger(b, out var n) || n < 0))
            {
                problems.Add($"{path}.{bound}: Invalid value: {FieldErrors.FormatValue(b)}: must be a non-negative integer");
            }
        }
        if (node[SchemaKeywords.MultipleOf] is JsonValue m && (m.GetValueKind() != JsonValueKind.Number || JsonNumbers.GetDouble(m) <= 0))
        {
            problems.Add($"{path}.multipleOf: Invalid value: {FieldErrors.FormatValue(m)}: must be greater than zero");
        }
    }

    private static void CheckStructural(JsonObject node, string path, int depth, List<string> problems)
    {
        var type = Str(node, SchemaKeywords.Type);
        var intOrString = Bool(node, SchemaKeywords.IntOrString);
        var preserve = Bool(node, SchemaKeywords.PreserveUnknownFields);
        if (type is null && depth > 0 && !intOrString && !preserve)
        {
            problems.Add($"{path}.type: Required value: must not be empty for specified object fields");
        }
        if (type is not null && !SchemaTypes.All.Contains(type))
        {
            problems.Add($"{path}.type: Unsupported value: {FieldErrors.Quote(type)}: supported values: {string.Join(", ", SchemaTypes.All.Select(FieldErrors.Quote))}");
        }
        if (intOrString && type is not null)
        {
            problems.Add($"{path}.type: Invalid value: {FieldErrors.Quote(type)}: must be empty if x-kubernetes-int-or-string is true");
        }
        if (Bool(node, SchemaKeywords.EmbeddedResource))
        {
            if (type != SchemaTypes.Object)
            {
                problems.Add($"{path}.type: Invalid value: {FieldErrors.Quote(type ?? "")}: must be object if x-kubernetes-embedded-resource is true");
            }
            if (!preserve && node[SchemaKeywords.Properties] is not JsonObject { Count: > 0 })
            {
                problems.Add($"{path}.properties: Required value: must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields");
            }
        }
        if (type is not null and not SchemaTypes.Object && node[SchemaKeywords.Properties] is JsonObject { Count: > 0 })
        {
            problems.Add($"{path}.properties: Forbidden: must be empty for type {FieldErrors.Quote(type)}");
        }
        if (type == SchemaTypes.Array && node[SchemaKeywords.Items] is null)
        {
            problems.Add($"{path}.items: Required value: must be specified");
        }
        if (node[SchemaKeywords.Required] is JsonArray required && node[SchemaKeywords.Properties] is JsonObject props && !preserve)
        {
            foreach (var name in required.OfType<JsonValue>().Select(v => v.ToString()))
            {
                if (!props.ContainsKey(name))
                {
                    problems.Add($"{path}.required: Invalid value: {FieldErrors.Quote(name)}: is not a property (it could never be set: unknown fields are pruned)");
                }
            }
        }
        if (Str(node, SchemaKeywords.MapType) is { } mapType)
        {
            if (mapType is not "granular" and not "atomic")
            {
                problems.Add($"{path}.x-kubernetes-map-type: Unsupported value: {FieldErrors.Quote(mapType)}: supported values: \"atomic\", \"granular\"");
            }
            if (type != SchemaTypes.Object)
            {
                problems.Add($"{path}.x-kubernetes-map-type: Invalid value: {FieldErrors.Quote(mapType)}: must only be used if type is object");
            }
        }
    }

    /// <summary>allOf/anyOf/oneOf/not hold value validations only: no types, defaults or extensions of their own.</summary>
    private static void CheckValueValidation(JsonObject node, string path, bool intOrStringBranch, List<string> problems)
    {
        var type = Str(node, SchemaKeywords.Type);
        foreach (var (key, detail) in new[]
        {
            (SchemaKeywords.Type, "must be empty to be structural"),
            (SchemaKeywords.Description, "must be empty to be structural"),
            (SchemaKeywords.Title, "must be empty to be structural"),
            (SchemaKeywords.Default, "must be undefined to be structural"),
            (SchemaKeywords.Nullable, "must be false to be structural"),
            (SchemaKeywords.AdditionalProperties, "must be undefined to be structural"),
            (SchemaKeywords.PreserveUnknownFields, "must be false to be structural"),
            (SchemaKeywords.IntOrString, "must be false to be structural"),
            (SchemaKeywords.EmbeddedResource, "must be false to be structural"),
            (SchemaKeywords.ListType, "must be empty to be structural"),
            (SchemaKeywords.ListMapKeys, "must be empty to be structural"),
            (SchemaKeywords.Validations, "must be empty to be structural"),
        })
        {
            // The int-or-string idiom (anyOf: [{type: integer}, {type: string}]) is the one allowed use of type.
            if (key == SchemaKeywords.Type && intOrStringBranch && type is SchemaTypes.Integer or SchemaTypes.String)
            {
                continue;
            }
            if (node.ContainsKey(key))
            {
                problems.Add($"{path}.{key}: Forbidden: {detail}");
            }
        }
    }

    /// <summary>The object's own metadata may only constrain name and generateName, as strings, with no defaults.</summary>
    private static void CheckMetadata(JsonObject root, string rootPath, List<string> problems)
    {
        if (root[SchemaKeywords.Properties] is not JsonObject rootProperties || rootProperties["metadata"] is not JsonObject metadata)
        {
            return;
        }
        var path = rootPath + MetadataPath;
        if (Str(metadata, SchemaKeywords.Type) is { } type && type != SchemaTypes.Object)
        {
            problems.Add($"{path}.type: Invalid value: {FieldErrors.Quote(type)}: must be object");
        }
        if (metadata[SchemaKeywords.Properties] is JsonObject props)
        {
            if (props.Any(p => p.Key is not "name" and not "generateName"))
            {
                problems.Add($"{path}: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified");
            }
            foreach (var (name, schema) in props)
            {
                if (schema is JsonObject s && Str(s, SchemaKeywords.Type) is { } t && t != SchemaTypes.String)
                {
                    problems.Add($"{path}.properties[{name}].type: Unsupported value: {FieldErrors.Quote(t)}: supported values: \"string\"");
                }
            }
        }
        if (metadata.ContainsKey(SchemaKeywords.Default) || metadata[SchemaKeywords.Properties] is JsonObject p2 && p2.Any(p => p.Value is JsonObject s && s.ContainsKey(SchemaKeywords.Default)))
        {
            problems.Add($"{path}.default: Forbidden: must not be set in metadata");
        }
    }

    /// <summary>A default must survive pruning unchanged and validate against its own node (CEL rules included).</summary>
    private static void CheckDefault(JsonObject node, string path, List<string> problems)
    {
        if (!node.ContainsKey(SchemaKeywords.Default))
        {
            return;
        }
        var value = node[SchemaKeywords.Default];
        var schema = SchemaNode.Parse(node);
        if (JsonTypes.IsNull(value))
        {
            if (!schema.Nullable)
            {
                problems.Add($"{path}.default: Invalid value: null: must not be null unless nullable is true");
            }
            return;
        }
        var pruned = value!.DeepClone();
        var holder = new JsonObject { ["v"] = pruned };
        var wrapper = SchemaNode.Parse(new JsonObject
        {
            [SchemaKeywords.Type] = SchemaTypes.Object,
            [SchemaKeywords.Properties] = new JsonObject { ["v"] = node.DeepClone() },
        });
        Pruner.PruneRoot(wrapper, holder);
        if (!JsonNode.DeepEquals(holder["v"], value))
        {
            problems.Add($"{path}.default: Invalid value: {FieldErrors.FormatValue(value)}: must not have unknown fields (they would be pruned)");
        }
        // Like the real server, the default is validated with the defaults nested in it applied (default: {} on an
        // object whose required fields have defaults of their own is fine).
        var defaulted = value.DeepClone();
        Defaulter.Apply(schema, defaulted);
        var errors = new List<FieldError>();
        new ValueValidator(new RuleEvaluator()).Validate(schema, defaulted, null, false, "default", errors);
        foreach (var error in errors)
        {
            problems.Add($"{path}.{error.Message}");
        }
    }

    private static void CheckListType(JsonObject node, string path, List<string> problems)
    {
        var listType = Str(node, SchemaKeywords.ListType);
        var keys = node[SchemaKeywords.ListMapKeys] as JsonArray;
        var type = Str(node, SchemaKeywords.Type);
        if (keys is not null && listType != ListTypes.Map)
        {
            problems.Add($"{path}.x-kubernetes-list-map-keys: Forbidden: must be empty if x-kubernetes-list-type is not map");
        }
        if (listType is null)
        {
            return;
        }
        if (!ListTypes.All.Contains(listType))
        {
            problems.Add($"{path}.x-kubernetes-list-type: Unsupported value: {FieldErrors.Quote(listType)}: supported values: {string.Join(", ", ListTypes.All.Select(FieldErrors.Quote))}");
            return;
        }
        if (type != SchemaTypes.Array)
        {
            problems.Add($"{path}.x-kubernetes-list-type: Invalid value: {FieldErrors.Quote(listType)}: must only be used if type is array");
            return;
        }
        var items = node[SchemaKeywords.Items] as JsonObject;
        var itemType = items is null ? null : Str(items, SchemaKeywords.Type);
        if (listType == ListTypes.Set && itemType is SchemaTypes.Object or SchemaTypes.Array
            && !(items is not null && Str(items, SchemaKeywords.MapType) == "atomic") && itemType == SchemaTypes.Object)
        {
            problems.Add($"{path}.items.x-kubernetes-map-type: Invalid value: null: must be atomic as item of a list with x-kubernetes-list-type=set");
        }
        if (listType != ListTypes.Map)
        {
            return;
        }
        if (keys is not { Count: > 0 })
        {
            problems.Add($"{path}.x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map");
            return;
        }
        if (itemType != SchemaTypes.Object)
        {
            problems.Add($"{path}.items.type: Invalid value: {FieldErrors.Quote(itemType ?? "")}: must be object if parent array's x-kubernetes-list-type is map");
            return;
        }
        var properties = items![SchemaKeywords.Properties] as JsonObject;
        var required = (items[SchemaKeywords.Required] as JsonArray)?.Select(r => r?.ToString()).ToHashSet() ?? [];
        for (var i = 0; i < keys.Count; i++)
        {
            var key = keys[i]?.ToString() ?? "";
            if (properties?[key] is not JsonObject keySchema)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"{path}.x-kubernetes-list-map-keys[{i}]: Invalid value: {FieldErrors.Quote(key)}: entries of x-kubernetes-list-map-keys must be properties of the items"));
                continue;
            }
            var keyType = Str(keySchema, SchemaKeywords.Type);
            if (keyType is not (SchemaTypes.String or SchemaTypes.Integer or SchemaTypes.Number or SchemaTypes.Boolean))
            {
                problems.Add($"{path}.items.properties[{key}].type: Invalid value: {FieldErrors.Quote(keyType ?? "")}: must be a scalar type if parent array's x-kubernetes-list-type is map");
            }
            if (!required.Contains(key) && !keySchema.ContainsKey(SchemaKeywords.Default))
            {
                problems.Add($"{path}.items.properties[{key}]: Required value: this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property");
            }
        }
    }

    private static void CheckRules(JsonObject node, string path, bool uncorrelatable, bool isRoot, List<string> problems)
    {
        if (node[SchemaKeywords.Validations] is not JsonArray rules)
        {
            return;
        }
        var schema = SchemaNode.Parse(node);
        for (var i = 0; i < rules.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"{path}.x-kubernetes-validations[{i}]");
            if (rules[i] is not JsonObject rule)
            {
                problems.Add($"{at}: Invalid value: {FieldErrors.FormatValue(rules[i])}: must be an object");
                continue;
            }
            var text = Str(rule, "rule");
            if (string.IsNullOrWhiteSpace(text))
            {
                problems.Add($"{at}.rule: Required value");
            }
            else
            {
                var program = Compile(text, schema, isRoot, $"{at}.rule", problems);
                if (program is { IsTransitionRule: true } && uncorrelatable)
                {
                    problems.Add($"{at}.rule: Invalid value: {FieldErrors.Quote(text)}: oldSelf cannot be used on the uncorrelatable portion of the schema within {path}");
                }
                if (program?.ResultType is { } type and not "bool")
                {
                    problems.Add($"{at}.rule: Invalid value: {FieldErrors.Quote(text)}: compilation failed: cel expression must evaluate to a bool");
                }
            }
            if (Str(rule, "messageExpression") is { } expression)
            {
                if (Compile(expression, schema, isRoot, $"{at}.messageExpression", problems)?.ResultType is { } type and not "string")
                {
                    problems.Add($"{at}.messageExpression: Invalid value: {FieldErrors.Quote(expression)}: compilation failed: messageExpression must evaluate to a string");
                }
            }
            if (Str(rule, "message") is { } message)
            {
                if (message.Trim().Length == 0)
                {
                    problems.Add($"{at}.message: Invalid value: {FieldErrors.Quote(message)}: message must be non-empty if specified");
                }
                if (message.Contains('\n', StringComparison.Ordinal))
                {
                    problems.Add($"{at}.message: Invalid value: {FieldErrors.Quote(message)}: message must not contain line breaks");
                }
            }
            if (Str(rule, "reason") is { } reason && !RuleReasons.All.Contains(reason))
            {
                problems.Add($"{at}.reason: Unsupported value: {FieldErrors.Quote(reason)}: supported values: {string.Join(", ", RuleReasons.All.Select(FieldErrors.Quote))}");
            }
            if (Str(rule, "fieldPath") is { } fieldPath && !FieldPaths.IsValid(fieldPath))
            {
                problems.Add($"{at}.fieldPath: Invalid value: {FieldErrors.Quote(fieldPath)}: fieldPath must be a valid path");
            }
        }
    }

    private static CelProgram? Compile(string rule, SchemaNode schema, bool isRoot, string at, List<string> problems)
    {
        try
        {
            return CelProgram.Compile(rule, schema, isRoot);
        }
        catch (CelSyntaxException ex)
        {
            problems.Add($"{at}: Invalid value: {FieldErrors.Quote(rule)}: compilation failed: {ex.Message}");
        }
        catch (CelUnsupportedException)
        {
            // Valid CEL the real server runs; only the fake server skips it (CrdValidator.SkippedRules).
        }
        return null;
    }

    private static void CheckPattern(JsonObject node, string path, List<string> problems)
    {
        if (Str(node, SchemaKeywords.Pattern) is { } pattern && !Re2Regex.TryCreate(pattern, out _, out var error))
        {
            problems.Add($"{path}.pattern: Invalid value: {FieldErrors.Quote(pattern)}: must be a valid regular expression, but isn't: {error}");
        }
    }

    private static string? Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool Bool(JsonObject o, string key) => o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
}
