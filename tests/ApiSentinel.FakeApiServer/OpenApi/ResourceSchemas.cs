using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.OpenApi;

/// <summary>
/// A kind's published schema and its list's. For a CRD it is the version's <c>openAPIV3Schema</c> completed as the
/// real server completes it: <c>apiVersion</c> and <c>kind</c> described, <c>metadata</c> a reference to
/// <c>ObjectMeta</c>, and the <c>x-kubernetes-group-version-kind</c> tag by which <c>kubectl explain</c> finds it.
/// Built-ins carry no schema here, so theirs only has those three fields and keeps everything else.
/// </summary>
internal static class ResourceSchemas
{
    public static JsonObject Item(ResourceType type, OpenApiDialect dialect)
    {
        var schema = type.Schema?.DeepClone().AsObject() ?? new JsonObject
        {
            ["description"] = $"{type.Kind} (served without a schema by the fake API server).",
            ["type"] = "object",
            ["x-kubernetes-preserve-unknown-fields"] = true,
        };
        schema["type"] = "object";
        if (schema["properties"] is not JsonObject properties)
        {
            properties = [];
            schema["properties"] = properties;
        }
        properties["apiVersion"] = MetaSchemas.Scalar("string", MetaSchemas.ApiVersionDescription);
        properties["kind"] = MetaSchemas.Scalar("string", MetaSchemas.KindDescription);
        properties["metadata"] = MetaSchemas.Ref(dialect.RefPrefix, SchemaNames.ObjectMeta, MetaSchemas.MetadataDescription);
        schema[OpenApiExtensions.GroupVersionKindKey] = OpenApiExtensions.SchemaGroupVersionKinds(type);
        return schema;
    }

    public static JsonObject List(ResourceType type, OpenApiDialect dialect) => new()
    {
        ["description"] = $"{type.ListKind} is a list of {type.Kind}",
        ["type"] = "object",
        ["required"] = new JsonArray("items"),
        ["properties"] = new JsonObject
        {
            ["apiVersion"] = MetaSchemas.Scalar("string", MetaSchemas.ApiVersionDescription),
            ["items"] = new JsonObject
            {
                ["description"] = $"List of {type.Plural}.",
                ["type"] = "array",
                ["items"] = dialect.Ref(SchemaNames.Of(type)),
            },
            ["kind"] = MetaSchemas.Scalar("string", MetaSchemas.KindDescription),
            ["metadata"] = MetaSchemas.Ref(dialect.RefPrefix, SchemaNames.ListMeta, MetaSchemas.ListMetadataDescription),
        },
        [OpenApiExtensions.GroupVersionKindKey] = new JsonArray(new JsonObject
        {
            ["group"] = type.Group,
            ["kind"] = type.ListKind,
            ["version"] = type.Version,
        }),
    };
}
