using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.OpenApi;

/// <summary>
/// The OpenAPI documents kubectl reads: the v3 index (<c>/openapi/v3</c>), one v3 document per group version
/// (<c>kubectl explain</c>, and the apply/create check that the server validates fields itself), and the v2
/// document for older code paths that still ask for it.
/// </summary>
public static class OpenApiDocuments
{
    private const string V3Root = "/openapi/v3/";
    private const string CorePath = "api/";
    private const string GroupPath = "apis/";

    /// <summary>
    /// <c>GET /openapi/v3</c>: each served group version's document address. The hash is of the document's content,
    /// so kubectl's cache (keyed by address) refetches exactly when a CRD changed.
    /// </summary>
    public static JsonObject V3Index(IReadOnlyList<ResourceType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var paths = new JsonObject();
        foreach (var path in types.Select(PathOf).Distinct(StringComparer.Ordinal))
        {
            var document = V3GroupVersion(types, path)!;
            var hash = Convert.ToHexString(SHA512.HashData(Encoding.UTF8.GetBytes(document.ToJsonString())));
            paths[path] = new JsonObject { ["serverRelativeURL"] = $"{V3Root}{path}?hash={hash}" };
        }
        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>
    /// <c>GET /openapi/v3/api/v1</c> or <c>/openapi/v3/apis/GROUP/VERSION</c> (<paramref name="path"/> without the
    /// <c>/openapi/v3/</c> prefix); null when that group version is not served.
    /// </summary>
    public static JsonObject? V3GroupVersion(IReadOnlyList<ResourceType> types, string path)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(path);
        var trimmed = path.Trim('/');
        var root = V3Root.TrimStart('/');
        if (trimmed.StartsWith(root, StringComparison.Ordinal))
        {
            trimmed = trimmed[root.Length..].Trim('/');
        }
        var served = types.Where(t => PathOf(t) == trimmed).ToList();
        if (served.Count == 0)
        {
            return null;
        }
        var (paths, schemas) = Build(served, OpenApiDialect.V3);
        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    /// <summary><c>GET /openapi/v2</c>: every served kind in one Swagger 2.0 document.</summary>
    public static JsonObject V2(IReadOnlyList<ResourceType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var (paths, definitions) = Build(types, OpenApiDialect.V2);
        return new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["definitions"] = definitions,
        };
    }

    /// <summary>"api/v1" or "apis/GROUP/VERSION": a group version's key in the v3 index.</summary>
    public static string PathOf(ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Group.Length == 0 ? CorePath + type.Version : $"{GroupPath}{type.Group}/{type.Version}";
    }

    private static (JsonObject Paths, JsonObject Schemas) Build(IEnumerable<ResourceType> types, OpenApiDialect dialect)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var type in types)
        {
            schemas[SchemaNames.Of(type)] = ResourceSchemas.Item(type, dialect);
            schemas[SchemaNames.ListOf(type)] = ResourceSchemas.List(type, dialect);
            OpenApiPaths.Add(paths, type, dialect);
        }
        foreach (var (name, schema) in MetaSchemas.All(dialect.RefPrefix))
        {
            schemas[name] = schema;
        }
        return (paths, schemas);
    }
}
