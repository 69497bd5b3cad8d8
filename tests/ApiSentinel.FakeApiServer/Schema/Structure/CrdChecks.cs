using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ApiSentinel.FakeApiServer.Schema.Structure;

/// <summary>
/// The CustomResourceDefinition-level rules of apiextensions.k8s.io/v1: names, scope, versions (one storage
/// version), subresources, printer columns whose jsonPath the schema can resolve, then every version's schema.
/// </summary>
internal static partial class CrdChecks
{
    private static readonly string[] Scopes = ["Cluster", "Namespaced"];
    private static readonly string[] ColumnTypes = ["boolean", "date", "integer", "number", "string"];
    private static readonly string[] ColumnFormats = ["byte", "date", "date-time", "double", "float", "int32", "int64", "name", "password"];

    public static List<string> Run(JsonObject crd)
    {
        var problems = new List<string>();
        if (Str(crd, "apiVersion") != "apiextensions.k8s.io/v1")
        {
            problems.Add($"apiVersion: Unsupported value: {Quote(Str(crd, "apiVersion"))}: supported values: \"apiextensions.k8s.io/v1\"");
        }
        if (Str(crd, "kind") != "CustomResourceDefinition")
        {
            problems.Add($"kind: Unsupported value: {Quote(Str(crd, "kind"))}: supported values: \"CustomResourceDefinition\"");
        }
        if (crd["spec"] is not JsonObject spec)
        {
            problems.Add("spec: Required value");
            return problems;
        }
        var group = Str(spec, "group");
        if (group is null || !IsDnsSubdomain(group) || !group.Contains('.', StringComparison.Ordinal))
        {
            problems.Add($"spec.group: Invalid value: {Quote(group)}: should be a domain with at least one dot");
        }
        var plural = CheckNames(spec, problems);
        var name = crd["metadata"] is JsonObject metadata ? Str(metadata, "name") : null;
        if (name != $"{plural}.{group}")
        {
            problems.Add($"metadata.name: Invalid value: {Quote(name)}: must be spec.names.plural+\".\"+spec.group");
        }
        if (!Scopes.Contains(Str(spec, "scope")))
        {
            problems.Add($"spec.scope: Unsupported value: {Quote(Str(spec, "scope"))}: supported values: \"Cluster\", \"Namespaced\"");
        }
        CheckVersions(spec, problems);
        return problems;
    }

    private static string? CheckNames(JsonObject spec, List<string> problems)
    {
        if (spec["names"] is not JsonObject names)
        {
            problems.Add("spec.names: Required value");
            return null;
        }
        var plural = Str(names, "plural");
        foreach (var field in new[] { "plural", "singular" })
        {
            var value = Str(names, field);
            if (value is null || !IsDnsLabel(value))
            {
                problems.Add($"spec.names.{field}: Invalid value: {Quote(value)}: a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character");
            }
        }
        foreach (var field in new[] { "kind", "listKind" })
        {
            var value = Str(names, field);
            if (value is null || !KindPattern().IsMatch(value))
            {
                problems.Add($"spec.names.{field}: Invalid value: {Quote(value)}: must be a CamelCase name starting with an upper case letter");
            }
        }
        if (Str(names, "kind") is { } kind && Str(names, "listKind") is { } listKind && kind == listKind)
        {
            problems.Add($"spec.names.listKind: Invalid value: {Quote(listKind)}: kind and listKind may not be the same");
        }
        foreach (var field in new[] { "shortNames", "categories" })
        {
            if (names[field] is not JsonArray list)
            {
                continue;
            }
            for (var i = 0; i < list.Count; i++)
            {
                var value = list[i]?.ToString();
                if (value is null || !IsDnsLabel(value))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"spec.names.{field}[{i}]: Invalid value: {Quote(value)}: must be a lowercase RFC 1123 label"));
                }
            }
            if (list.Select(v => v?.ToString()).Distinct().Count() != list.Count)
            {
                problems.Add($"spec.names.{field}: Invalid value: {list.ToJsonString()}: must not contain duplicates");
            }
        }
        return plural;
    }

    private static void CheckVersions(JsonObject spec, List<string> problems)
    {
        if (spec["versions"] is not JsonArray { Count: > 0 } versions)
        {
            problems.Add("spec.versions: Invalid value: null: must have exactly one version marked as storage version");
            return;
        }
        var storage = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < versions.Count; i++)
        {
            var at = string.Create(CultureInfo.InvariantCulture, $"spec.versions[{i}]");
            if (versions[i] is not JsonObject version)
            {
                problems.Add($"{at}: Invalid value: must be an object");
                continue;
            }
            var name = Str(version, "name");
            if (name is null || !IsDnsLabel(name))
            {
                problems.Add($"{at}.name: Invalid value: {Quote(name)}: must be a lowercase RFC 1123 label");
            }
            else if (!seen.Add(name))
            {
                problems.Add($"{at}.name: Invalid value: {Quote(name)}: must be unique");
            }
            if (version["served"] is not JsonValue served || served.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                problems.Add($"{at}.served: Required value");
            }
            if (version["storage"] is JsonValue s && s.GetValueKind() == JsonValueKind.True)
            {
                storage++;
            }
            if (version["schema"] is not JsonObject versionSchema || versionSchema["openAPIV3Schema"] is not JsonObject schema)
            {
                problems.Add($"{at}.schema.openAPIV3Schema: Required value: schemas are required");
                continue;
            }
            foreach (var problem in SchemaChecks.Run(schema, $"{at}.schema.openAPIV3Schema"))
            {
                problems.Add(problem);
            }
            CheckSubresources(version, schema, at, problems);
            CheckColumns(version, schema, at, problems);
        }
        if (storage != 1)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"spec.versions: Invalid value: {storage}: must have exactly one version marked as storage version"));
        }
    }

    private static void CheckSubresources(JsonObject version, JsonObject schema, string at, List<string> problems)
    {
        if (version["subresources"] is not JsonObject subresources)
        {
            return;
        }
        foreach (var (name, value) in subresources)
        {
            if (name is not "status" and not "scale")
            {
                problems.Add($"{at}.subresources.{name}: unknown field \"{name}\"");
            }
            else if (value is not JsonObject)
            {
                problems.Add($"{at}.subresources.{name}: Invalid value: {FieldErrors.FormatValue(value)}: must be an object");
            }
        }
        if (subresources.ContainsKey("status") && schema["properties"] is JsonObject props && props["status"] is JsonObject status
            && status["type"]?.ToString() is { } type && type != SchemaTypes.Object)
        {
            problems.Add($"{at}.schema.openAPIV3Schema.properties[status].type: Invalid value: {Quote(type)}: must be object when the status subresource is enabled");
        }
        if (subresources["scale"] is JsonObject scale)
        {
            foreach (var path in new[] { "specReplicasPath", "statusReplicasPath" })
            {
                if (Str(scale, path) is not { } p || !p.StartsWith('.'))
                {
                    problems.Add($"{at}.subresources.scale.{path}: Invalid value: {Quote(Str(scale, path))}: must be a simple json path starting with .spec or .status");
                }
            }
        }
    }

    private static void CheckColumns(JsonObject version, JsonObject schema, string at, List<string> problems)
    {
        if (version["additionalPrinterColumns"] is not JsonArray columns)
        {
            return;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var root = SchemaNode.Parse(schema);
        for (var i = 0; i < columns.Count; i++)
        {
            var col = string.Create(CultureInfo.InvariantCulture, $"{at}.additionalPrinterColumns[{i}]");
            if (columns[i] is not JsonObject column)
            {
                problems.Add($"{col}: Invalid value: must be an object");
                continue;
            }
            var name = Str(column, "name");
            if (string.IsNullOrEmpty(name))
            {
                problems.Add($"{col}.name: Required value");
            }
            else if (!names.Add(name))
            {
                problems.Add($"{col}.name: Duplicate value: {Quote(name)}");
            }
            var type = Str(column, "type");
            if (!ColumnTypes.Contains(type))
            {
                problems.Add($"{col}.type: Unsupported value: {Quote(type)}: supported values: {string.Join(", ", ColumnTypes.Select(FieldErrors.Quote))}");
            }
            if (Str(column, "format") is { } format && !ColumnFormats.Contains(format))
            {
                problems.Add($"{col}.format: Unsupported value: {Quote(format)}: supported values: {string.Join(", ", ColumnFormats.Select(FieldErrors.Quote))}");
            }
            if (column["priority"] is JsonValue priority && (!JsonNumbers.TryGetInteger(priority, out var p) || p < 0))
            {
                problems.Add($"{col}.priority: Invalid value: {FieldErrors.FormatValue(priority)}: must be a non-negative integer");
            }
            var jsonPath = Str(column, "jsonPath");
            if (string.IsNullOrEmpty(jsonPath))
            {
                problems.Add($"{col}.jsonPath: Required value");
            }
            else if (ColumnPaths.Resolve(root, jsonPath) is { } why)
            {
                problems.Add($"{col}.jsonPath: Invalid value: {Quote(jsonPath)}: {why}");
            }
        }
    }

    private static bool IsDnsLabel(string value) => value.Length <= 63 && DnsLabelPattern().IsMatch(value);

    private static bool IsDnsSubdomain(string value) => value.Length <= 253 && value.Split('.').All(IsDnsLabel);

    private static string Quote(string? value) => value is null ? "\"\"" : FieldErrors.Quote(value);

    private static string? Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\z")]
    private static partial Regex DnsLabelPattern();

    [GeneratedRegex(@"^[A-Z][A-Za-z0-9]*\z")]
    private static partial Regex KindPattern();
}
