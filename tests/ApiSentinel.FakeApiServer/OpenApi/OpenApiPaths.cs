using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.OpenApi;

/// <summary>
/// A resource's REST paths as the real server publishes them. kubectl reads one thing here: whether the PATCH
/// operation tagged with the kind's <c>x-kubernetes-group-version-kind</c> takes a <c>fieldValidation</c> query
/// parameter. If it does, <c>kubectl apply</c>/<c>create</c> leave validation to the server (which validates against
/// the CRD's schema); if the paths were missing, kubectl would fail its check or validate on the client.
/// </summary>
internal static class OpenApiPaths
{
    public static void Add(JsonObject paths, ResourceType type, OpenApiDialect dialect)
    {
        var gvk = OpenApiExtensions.OperationGroupVersionKind(type);
        var item = SchemaNames.Of(type);
        var list = SchemaNames.ListOf(type);
        var prefix = type.GroupVersionPath + (type.Namespaced ? "/namespaces/{namespace}" : "");
        var scope = type.Namespaced ? new[] { Name(dialect), Namespace(dialect) } : [Name(dialect)];
        var collectionScope = type.Namespaced ? new[] { Namespace(dialect) } : [];

        paths[$"{prefix}/{type.Plural}"] = Path(collectionScope,
            ("get", Operation("list", type, gvk, dialect.Responses(list, "200"), [])),
            ("post", Operation("post", type, gvk, dialect.Responses(item, "200", "201"), WriteParameters(dialect, patch: false))),
            ("delete", Operation("deletecollection", type, gvk, dialect.Responses(SchemaNames.Status, "200"), [])));
        paths[$"{prefix}/{type.Plural}/{{name}}"] = Path(scope,
            ("get", Operation("get", type, gvk, dialect.Responses(item, "200"), [])),
            ("put", Operation("put", type, gvk, dialect.Responses(item, "200", "201"), WriteParameters(dialect, patch: false))),
            ("patch", Operation("patch", type, gvk, dialect.Responses(item, "200", "201"), WriteParameters(dialect, patch: true))),
            ("delete", Operation("delete", type, gvk, dialect.Responses(SchemaNames.Status, "200"), [])));
        if (type.HasStatus)
        {
            paths[$"{prefix}/{type.Plural}/{{name}}/status"] = Path(scope,
                ("get", Operation("get", type, gvk, dialect.Responses(item, "200"), [])),
                ("put", Operation("put", type, gvk, dialect.Responses(item, "200", "201"), WriteParameters(dialect, patch: false))),
                ("patch", Operation("patch", type, gvk, dialect.Responses(item, "200", "201"), WriteParameters(dialect, patch: true))));
        }
        if (type.Namespaced)
        {
            paths[$"{type.GroupVersionPath}/{type.Plural}"] = Path([],
                ("get", Operation("list", type, gvk, dialect.Responses(list, "200"), [])));
        }
    }

    private static JsonObject Path(JsonObject[] parameters, params (string Method, JsonObject Operation)[] operations)
    {
        // Parameters are shared by several paths; a node has one parent, so each path gets its own copies.
        var path = new JsonObject();
        foreach (var (method, operation) in operations)
        {
            path[method] = operation;
        }
        if (parameters.Length > 0)
        {
            path["parameters"] = new JsonArray([.. parameters.Select(p => p.DeepClone())]);
        }
        return path;
    }

    private static JsonObject Operation(string action, ResourceType type, JsonObject gvk, JsonObject responses, JsonObject[] parameters)
    {
        var operation = new JsonObject
        {
            ["description"] = $"{action} {type.Kind}",
            ["operationId"] = $"{action}{type.Kind}",
            ["responses"] = responses,
            ["x-kubernetes-action"] = action,
            [OpenApiExtensions.GroupVersionKindKey] = gvk.DeepClone(),
        };
        if (parameters.Length > 0)
        {
            operation["parameters"] = new JsonArray([.. parameters]);
        }
        return operation;
    }

    private static JsonObject[] WriteParameters(OpenApiDialect dialect, bool patch)
    {
        List<JsonObject> parameters =
        [
            dialect.Parameter("dryRun", "query", "When present, indicates that modifications should not be persisted."),
            dialect.Parameter("fieldManager", "query", "A name associated with the actor or entity that is making these changes."),
            dialect.Parameter(OpenApiExtensions.FieldValidationParameter, "query", "How the server handles unknown or duplicate fields: Ignore, Warn or Strict."),
        ];
        if (patch)
        {
            parameters.Add(dialect.Parameter("force", "query", "Force is going to \"force\" Apply requests: re-acquire conflicting fields owned by other people.", type: "boolean"));
        }
        return [.. parameters];
    }

    private static JsonObject Name(OpenApiDialect dialect) => dialect.Parameter("name", "path", "name of the resource", required: true);

    private static JsonObject Namespace(OpenApiDialect dialect) =>
        dialect.Parameter("namespace", "path", "object name and auth scope, such as for teams and projects", required: true);
}
