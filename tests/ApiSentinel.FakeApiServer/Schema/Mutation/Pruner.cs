using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Schema.Mutation;

/// <summary>
/// Drops fields the schema does not know, silently, as kube-apiserver does for structural schemas. Kept: what
/// <c>properties</c> names, every key of a map (<c>additionalProperties</c>), everything under
/// <c>x-kubernetes-preserve-unknown-fields</c>, and apiVersion/kind/metadata of the object and of embedded resources.
/// </summary>
internal static class Pruner
{
    private static readonly string[] TypeMetaAndMetadata = ["apiVersion", "kind", "metadata"];

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
            if (schema.Properties.TryGetValue(name, out var property))
            {
                Prune(property, child);
            }
            else if (schema.AdditionalProperties is { } values)
            {
                Prune(values, child);
            }
            else if (!schema.PreserveUnknownFields && !(keepTypeMeta && TypeMetaAndMetadata.Contains(name)))
            {
                obj.Remove(name);
            }
        }
    }
}
