using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Schema.Mutation;

/// <summary>
/// Drops fields the schema does not know, silently, as kube-apiserver does for structural schemas. Kept: what
/// <c>properties</c> names, every key of a map (<c>additionalProperties</c>), everything under
/// <c>x-kubernetes-preserve-unknown-fields</c>, and apiVersion/kind/metadata of the object and of embedded resources.
/// Their metadata is ObjectMeta whatever the schema declares of it (a schema may only constrain name and
/// generateName): it keeps ObjectMeta's members and loses anything else, as kube's round trip through the typed
/// ObjectMeta does.
/// </summary>
internal static class Pruner
{
    public static void PruneRoot(SchemaNode schema, JsonObject obj) => PruneObject(schema, obj, keepTypeMeta: true);

    private static void Prune(SchemaNode schema, JsonNode? value)
    {
        switch (value)
        {
            case JsonObject obj:
                PruneObject(schema, obj, schema.EmbeddedResource);
                break;
            case JsonArray array when schema.Items is { } items:
                foreach (var item in array)
                {
                    Prune(items, item);
                }
                break;
            default:
                break;
        }
    }

    private static void PruneObject(SchemaNode schema, JsonObject obj, bool keepTypeMeta)
    {
        foreach (var (name, child) in obj.ToList())
        {
            if (keepTypeMeta && ObjectMetaFields.TypeMeta.Contains(name))
            {
                continue;
            }
            if (keepTypeMeta && name == ObjectMetaFields.Metadata)
            {
                KeepObjectMeta(child);
            }
            else if (schema.Properties.TryGetValue(name, out var property))
            {
                Prune(property, child);
            }
            else if (schema.AdditionalProperties is { } values)
            {
                Prune(values, child);
            }
            else if (!schema.PreserveUnknownFields)
            {
                obj.Remove(name);
            }
        }
    }

    private static void KeepObjectMeta(JsonNode? metadata)
    {
        if (metadata is not JsonObject meta)
        {
            return;
        }
        foreach (var name in meta.Select(p => p.Key).Where(k => !ObjectMetaFields.Known.Contains(k)).ToList())
        {
            meta.Remove(name);
        }
    }
}
