using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Json;
using ApiSentinel.FakeApiServer.Resources;
using ApiSentinel.FakeApiServer.Schema;

namespace ApiSentinel.FakeApiServer.BuiltIns;

/// <summary>
/// A CustomResourceDefinition (<c>apiextensions.k8s.io/v1</c>) read as the kinds it serves: one
/// <see cref="ResourceType"/> per served version with its schema, status subresource and printer columns, and the
/// status the real server writes back once the names are accepted.
/// </summary>
internal static class CrdTypes
{
    public static IReadOnlyList<ResourceType> Read(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? throw Invalid(crd, "spec", "Required value");
        var group = JsonTree.String(spec, "group") ?? throw Invalid(crd, "spec.group", "Required value");
        var names = spec["names"] as JsonObject ?? throw Invalid(crd, "spec.names", "Required value");
        var kind = JsonTree.String(names, "kind") ?? throw Invalid(crd, "spec.names.kind", "Required value");
        var plural = JsonTree.String(names, "plural") ?? throw Invalid(crd, "spec.names.plural", "Required value");
        var expected = $"{plural}.{group}";
        if (JsonTree.String(crd, "metadata", "name") != expected)
        {
            throw Invalid(crd, "metadata.name", $"Invalid value: \"{JsonTree.String(crd, "metadata", "name")}\": must be spec.names.plural+\".\"+spec.group");
        }
        var namespaced = JsonTree.String(spec, "scope") != "Cluster";
        var types = new List<ResourceType>();
        foreach (var version in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (!JsonTree.IsTrue(version["served"]))
            {
                continue;
            }
            types.Add(new ResourceType(
                group,
                JsonTree.String(version, "name") ?? throw Invalid(crd, "spec.versions[].name", "Required value"),
                kind,
                JsonTree.String(names, "listKind") ?? kind + "List",
                plural,
                JsonTree.String(names, "singular") ?? kind.ToLowerInvariant(),
                namespaced,
                Strings(names["shortNames"]),
                Strings(names["categories"]),
                version["schema"]?["openAPIV3Schema"]?.DeepClone() as JsonObject,
                version["additionalPrinterColumns"]?.DeepClone() as JsonArray,
                version["subresources"]?["status"] is JsonObject));
        }
        if (types.Count == 0)
        {
            throw Invalid(crd, "spec.versions", "Invalid value: must have at least one served version");
        }
        return types;
    }

    /// <summary>The defaults the real server fills in a CRD before validating it: the singular and list kind names, no conversion.</summary>
    public static void ApplyDefaults(JsonObject crd)
    {
        if (crd["spec"] is not JsonObject spec)
        {
            return;
        }
        if (spec["names"] is JsonObject names && JsonTree.String(names, "kind") is { } kind)
        {
            names["singular"] ??= kind.ToLowerInvariant();
            names["listKind"] ??= kind + "List";
        }
        spec["conversion"] ??= new JsonObject { ["strategy"] = "None" };
    }

    /// <summary>The status a real server reports for an accepted, established CRD.</summary>
    public static JsonObject Status(JsonObject crd, string now)
    {
        var spec = crd["spec"] as JsonObject;
        var storage = (spec?["versions"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(v => JsonTree.IsTrue(v["storage"])).Select(v => JsonTree.String(v, "name")).FirstOrDefault();
        var stored = crd["status"]?["storedVersions"] as JsonArray is { } existing ? existing.Select(JsonTree.ScalarText).ToList() : [];
        if (storage is not null && !stored.Contains(storage))
        {
            stored.Add(storage);
        }
        return new JsonObject
        {
            ["acceptedNames"] = spec?["names"]?.DeepClone(),
            // Conditions keep their first transition time: they never change for a CRD that stays accepted.
            ["conditions"] = crd["status"]?["conditions"]?.DeepClone()
                ?? new JsonArray(Condition("NamesAccepted", "NoConflicts", "no conflicts found", now), Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["storedVersions"] = new JsonArray([.. stored.Select(v => (JsonNode?)JsonValue.Create(v))]),
        };
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };

    private static List<string> Strings(JsonNode? node) =>
        [.. (node as JsonArray ?? []).Select(JsonTree.ScalarText).OfType<string>()];

    private static KubeStatusException Invalid(JsonObject crd, string field, string message)
    {
        var type = BuiltInTypes.All.First(BuiltInTypes.IsCrd);
        var name = JsonTree.String(crd, "metadata", "name") ?? "";
        return KubeStatus.Invalid(type, name, [new FieldCause(message.StartsWith("Required", StringComparison.Ordinal) ? FieldErrorTypes.Required : FieldErrorTypes.Invalid, field, message)]);
    }
}
