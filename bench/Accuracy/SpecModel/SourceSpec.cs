using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>
/// One source OpenAPI 3 document of specs/ with its operations. Only what these specs use is supported: one
/// server, local <c>$ref</c>s, JSON bodies, http bearer/basic and apiKey (header or query) security schemes.
/// </summary>
internal sealed class SourceSpec
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private SourceSpec(string name, JsonObject document, string host, IReadOnlyList<SpecOperation> operations)
    {
        Name = name;
        Document = document;
        Host = host;
        Operations = operations;
    }

    public string Name { get; }

    public JsonObject Document { get; }

    /// <summary><c>host[:port]</c> as the Host header carries it (default port omitted).</summary>
    public string Host { get; }

    public IReadOnlyList<SpecOperation> Operations { get; }

    public static SourceSpec Load(string path)
    {
        var document = (JsonObject)YamlToJson.Read(path);
        var name = Path.GetFileNameWithoutExtension(path);
        var server = new Uri(document["servers"]![0]!["url"]!.GetValue<string>());
        var host = server.IsDefaultPort ? server.Host : $"{server.Host}:{server.Port}";
        var basePath = server.AbsolutePath.TrimEnd('/');
        var references = new ReferenceResolver(document);
        var schemes = document["components"]?["securitySchemes"]?.AsObject();
        var operations = new List<SpecOperation>();
        foreach (var (specPath, pathItemNode) in document["paths"]!.AsObject())
        {
            var pathItem = pathItemNode!.AsObject();
            foreach (var method in Methods)
            {
                if (pathItem[method] is not JsonObject operation)
                {
                    continue;
                }
                var parameters = (operation["parameters"]?.AsArray() ?? [])
                    .Select(p => references.Resolve(p!.AsObject()))
                    .ToList();
                operations.Add(new SpecOperation(
                    name,
                    host,
                    method.ToUpperInvariant(),
                    specPath,
                    basePath + specPath,
                    operation["operationId"]!.GetValue<string>(),
                    ParametersIn("path", parameters, references),
                    ParametersIn("query", parameters, references),
                    BodySchema(operation["requestBody"], references),
                    Responses(operation, references),
                    Auth(operation["security"] ?? document["security"], schemes),
                    Plants(operation),
                    references));
            }
        }
        return new SourceSpec(name, document, host, operations);
    }

    private static List<SpecParameter> ParametersIn(string location, List<JsonObject> parameters, ReferenceResolver references) =>
        parameters
            .Where(p => p["in"]!.GetValue<string>() == location)
            .Select(p => new SpecParameter(
                p["name"]!.GetValue<string>(),
                p["required"]?.GetValue<bool>() ?? false,
                references.Resolve(p["schema"]!.AsObject())))
            .ToList();

    private static JsonObject? BodySchema(JsonNode? holder, ReferenceResolver references) =>
        holder?["content"]?["application/json"]?["schema"] is JsonObject schema ? references.Resolve(schema) : null;

    private static List<SpecResponse> Responses(JsonObject operation, ReferenceResolver references) =>
        operation["responses"]!.AsObject()
            .Select(r => new SpecResponse(int.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture), BodySchema(r.Value, references)))
            .ToList();

    private static OperationAuth Auth(JsonNode? security, JsonObject? schemes)
    {
        if (security is not JsonArray { Count: > 0 } requirements || requirements[0] is not JsonObject { Count: > 0 } first)
        {
            return OperationAuth.None;
        }
        var scheme = schemes![first.First().Key]!;
        return scheme["type"]!.GetValue<string>() switch
        {
            "http" when scheme["scheme"]!.GetValue<string>() == "basic" => new OperationAuth(AuthKind.Basic, null),
            "http" => new OperationAuth(AuthKind.BearerJwt, null),
            "apiKey" when scheme["in"]!.GetValue<string>() == "query" => new OperationAuth(AuthKind.ApiKeyQuery, scheme["name"]!.GetValue<string>()),
            "apiKey" => new OperationAuth(AuthKind.ApiKeyHeader, scheme["name"]!.GetValue<string>()),
            var other => throw new InvalidDataException($"unsupported security scheme type {other}"),
        };
    }

    private static List<PlantedValue> Plants(JsonObject operation) =>
        (operation["x-bench-plant"]?.AsArray() ?? [])
            .Select(p => new PlantedValue(p!["type"]!.GetValue<string>(), p["field"]!.GetValue<string>(), p["direction"]!.GetValue<string>()))
            .ToList();
}
