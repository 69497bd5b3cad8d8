using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Schema.Mutation;

/// <summary>
/// Applies <c>default</c>s top-down as kube-apiserver does: an absent property (or a null one that is not nullable)
/// takes its default, and the defaulted value is then walked too, so defaults nested inside it apply. A null that is
/// not nullable and has no default is dropped (kube's PruneNonNullableNullsWithoutDefaults). The metadata of the
/// object and of embedded resources is ObjectMeta, the server's, so defaulting never walks into it.
/// </summary>
internal static class Defaulter
{
    public static void ApplyRoot(SchemaNode schema, JsonObject obj) => ApplyToObject(schema, obj, isResource: true);

    public static void Apply(SchemaNode schema, JsonNode? value)
    {
        switch (value)
        {
            case JsonObject obj:
                ApplyToObject(schema, obj, schema.EmbeddedResource);
                break;
            case JsonArray array when schema.Items is { } items:
                foreach (var item in array)
                {
                    Apply(items, item);
                }
                break;
            default:
                break;
        }
    }

    private static void ApplyToObject(SchemaNode schema, JsonObject obj, bool isResource)
    {
        foreach (var (name, property) in schema.Properties)
        {
            if (isResource && name == ObjectMetaFields.Metadata)
            {
                continue;
            }
            var present = obj.TryGetPropertyValue(name, out var current);
            var isNull = present && JsonTypes.IsNull(current);
            if (property.HasDefault && (!present || (isNull && !property.Nullable)))
            {
                obj[name] = property.Default?.DeepClone();
            }
            else if (isNull && !property.Nullable)
            {
                obj.Remove(name);
            }
        }
        foreach (var (name, child) in obj.ToList())
        {
            if (isResource && name == ObjectMetaFields.Metadata)
            {
                continue;
            }
            if (schema.Properties.TryGetValue(name, out var property))
            {
                Apply(property, child);
            }
            else if (schema.AdditionalProperties is { } values)
            {
                if (JsonTypes.IsNull(child) && !values.Nullable)
                {
                    if (values.HasDefault)
                    {
                        obj[name] = values.Default?.DeepClone();
                    }
                    else
                    {
                        obj.Remove(name);
                        continue;
                    }
                }
                Apply(values, obj[name]);
            }
        }
    }
}
