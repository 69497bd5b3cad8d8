using System.Globalization;
using System.Text.Json.Nodes;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>
/// One source API description (OpenAPI 3.x or Swagger 2.0, read from YAML or JSON) with the operations the
/// generator can produce traffic for. Generic by design: nothing here knows any particular API.
/// </summary>
/// <remarks>
/// Dropped, per operation (counted in <see cref="DroppedOperations"/>): paths carrying a query or fragment
/// (<c>/#Action=X</c>: operations told apart by something other than method and path), and an operation whose
/// (method, template shape) repeats an earlier one — traffic could not say which of the two it was. The document
/// is unusable (<see cref="UnusableSpecException"/>) when nothing is left, a <c>$ref</c> does not resolve
/// locally, or it has more than <see cref="MaxOperations"/> operations.
/// </remarks>
internal sealed class SourceSpec
{
    /// <summary>Above this an API dominates the sample's traffic; the largest public descriptions reach 5,000+.</summary>
    public const int MaxOperations = 400;

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private SourceSpec(string name, JsonObject document, bool swagger, string host, string basePath, IReadOnlyList<SpecOperation> operations, int dropped, bool rewriteServers)
    {
        Name = name;
        Document = document;
        IsSwagger = swagger;
        Host = host;
        BasePath = basePath;
        Operations = operations;
        DroppedOperations = dropped;
        RewriteServers = rewriteServers;
    }

    public string Name { get; }

    public JsonObject Document { get; }

    public bool IsSwagger { get; }

    /// <summary><c>host[:port]</c> as the Host header carries it (default port omitted).</summary>
    public string Host { get; }

    /// <summary>The server's path (variables at their defaults), without a trailing slash; "" for none.</summary>
    public string BasePath { get; }

    public IReadOnlyList<SpecOperation> Operations { get; }

    public int DroppedOperations { get; }

    /// <summary>True when the published copy must name <see cref="Host"/> instead of the document's own servers.</summary>
    public bool RewriteServers { get; }

    /// <summary>One of the benchmark's own annotated YAML specs: host from its servers.</summary>
    public static SourceSpec Load(string path) =>
        FromDocument(Path.GetFileNameWithoutExtension(path), YamlToJson.Read(path) as JsonObject ?? throw new UnusableSpecException("not an object"), assignedHost: null);

    /// <param name="assignedHost">The host traffic goes to (and the published copy names); null keeps the document's.</param>
    public static SourceSpec FromDocument(string name, JsonObject document, string? assignedHost)
    {
        var swagger = document["swagger"] is not null;
        if (!swagger && document["openapi"] is null)
        {
            throw new UnusableSpecException("not OpenAPI or Swagger");
        }
        if (document["paths"] is not JsonObject paths || paths.Count == 0)
        {
            throw new UnusableSpecException("no operations");
        }
        var (ownHost, basePath) = swagger ? SwaggerServer(document) : OpenApiServer(document);
        var host = assignedHost ?? ownHost ?? throw new UnusableSpecException("no server host");
        var references = new ReferenceResolver(document);
        var schemes = (swagger ? document["securityDefinitions"] : document["components"]?["securitySchemes"]) as JsonObject;
        var operations = new List<SpecOperation>();
        var shapes = new HashSet<string>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var dropped = 0;
        var total = 0;
        foreach (var (specPath, pathItemNode) in paths)
        {
            if (pathItemNode is not JsonObject pathItemRaw)
            {
                continue;
            }
            var pathItem = references.Resolve(pathItemRaw);
            foreach (var method in Methods)
            {
                if (pathItem[method] is not JsonObject operation)
                {
                    continue;
                }
                if (++total > MaxOperations)
                {
                    throw new UnusableSpecException($"too big (> {MaxOperations} operations)");
                }
                var fullPath = basePath + (specPath.StartsWith('/') ? specPath : "/" + specPath);
                if (specPath.IndexOfAny(['?', '#']) >= 0 || !shapes.Add(method + " " + PathShape.Of(fullPath)))
                {
                    dropped++;
                    continue;
                }
                var parameters = MergedParameters(pathItem["parameters"], operation["parameters"], references);
                var id = operation["operationId"] is JsonValue idValue && idValue.TryGetValue<string>(out var given) && given.Length > 0 ? given : $"{method.ToUpperInvariant()} {specPath}";
                while (!ids.Add(id))
                {
                    id += "'";
                }
                var (requestType, requestSchema) = swagger ? SwaggerRequest(parameters, operation, document, references) : OpenApiBody(operation["requestBody"], references, preferJson: true);
                operations.Add(new SpecOperation(
                    name,
                    host,
                    method.ToUpperInvariant(),
                    specPath,
                    fullPath,
                    id,
                    PathParameters(fullPath, parameters, references),
                    ParametersIn("query", parameters, references),
                    ParametersIn("header", parameters, references).Where(p => p.Required && !IsReservedHeader(p.Name)).ToList(),
                    requestType,
                    requestSchema,
                    Responses(operation, swagger, document, references),
                    Auth(operation["security"] ?? document["security"], schemes),
                    Plants(operation),
                    references));
            }
        }
        if (operations.Count == 0)
        {
            throw new UnusableSpecException(total == 0 ? "no operations" : "no operation told apart by method and path");
        }
        return new SourceSpec(name, document, swagger, host, basePath, operations, dropped, rewriteServers: assignedHost is not null);
    }

    private static (string? Host, string BasePath) OpenApiServer(JsonObject document)
    {
        if (document["servers"] is not JsonArray { Count: > 0 } servers || servers[0] is not JsonObject server || server["url"] is not JsonValue urlValue)
        {
            return (null, "");
        }
        var url = ServerUrl.Absolute(ServerUrl.Substitute(urlValue.GetValue<string>(), server["variables"] as JsonObject));
        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https")
        {
            return (absolute.IsDefaultPort ? absolute.Host : $"{absolute.Host}:{absolute.Port}", NormaliseBase(absolute.AbsolutePath));
        }
        return (null, NormaliseBase(ServerUrl.PathOf(url)));
    }

    private static (string? Host, string BasePath) SwaggerServer(JsonObject document) =>
        (document["host"]?.GetValue<string>(), NormaliseBase(document["basePath"]?.GetValue<string>() ?? ""));

    private static string NormaliseBase(string path)
    {
        var trimmed = path.TrimEnd('/');
        return trimmed.Length == 0 ? "" : trimmed.StartsWith('/') ? trimmed : "/" + trimmed;
    }

    private static bool IsReservedHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Accept", StringComparison.OrdinalIgnoreCase) || name.Equals("Host", StringComparison.OrdinalIgnoreCase) ||
        name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Cookie", StringComparison.OrdinalIgnoreCase);

    // Operation parameters override path-item ones with the same (name, in), as OpenAPI specifies.
    private static List<JsonObject> MergedParameters(JsonNode? pathLevel, JsonNode? operationLevel, ReferenceResolver references)
    {
        var merged = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var list in (JsonNode?[])[pathLevel, operationLevel])
        {
            foreach (var node in list as JsonArray ?? [])
            {
                if (references.ResolveOrNull(node) is { } parameter && parameter["name"] is JsonValue name && parameter["in"] is JsonValue location)
                {
                    merged[location.GetValue<string>() + " " + name.GetValue<string>()] = parameter;
                }
            }
        }
        return merged.Values.ToList();
    }

    // Every placeholder of the template gets a parameter; one the document forgot to declare is a string.
    private static List<SpecParameter> PathParameters(string fullPath, List<JsonObject> parameters, ReferenceResolver references)
    {
        var declared = ParametersIn("path", parameters, references).ToDictionary(p => p.Name, StringComparer.Ordinal);
        var result = new List<SpecParameter>();
        foreach (var name in PathShape.Placeholders(fullPath).Distinct(StringComparer.Ordinal))
        {
            // The placeholder text is kept as the name (it is what gets substituted); {+name} is RFC 6570's
            // reserved expansion of parameter "name".
            var schema = declared.GetValueOrDefault(name.TrimStart('+', '#', '.', ';'))?.Schema ?? new JsonObject { ["type"] = "string" };
            result.Add(new SpecParameter(name, true, schema));
        }
        return result;
    }

    private static List<SpecParameter> ParametersIn(string location, List<JsonObject> parameters, ReferenceResolver references) =>
        parameters
            .Where(p => p["in"]!.GetValue<string>() == location)
            .Select(p => new SpecParameter(
                p["name"]!.GetValue<string>(),
                location == "path" || (p["required"] is JsonValue required && required.TryGetValue<bool>(out var r) && r),
                // OpenAPI 3 puts the schema under "schema"; Swagger 2 non-body parameters carry it inline.
                references.ResolveOrNull(p["schema"]) ?? (p["type"] is not null ? p : new JsonObject { ["type"] = "string" })))
            .ToList();

    private static (string? ContentType, JsonObject? Schema) OpenApiBody(JsonNode? holder, ReferenceResolver references, bool preferJson)
    {
        if (references.ResolveOrNull(holder) is not { } resolved || resolved["content"] is not JsonObject { Count: > 0 } content)
        {
            return (null, null);
        }
        var chosen = content.FirstOrDefault(c => MediaTypes.IsJson(c.Key));
        if (chosen.Key is null || !preferJson)
        {
            chosen = chosen.Key is null ? content.First() : chosen;
        }
        var type = chosen.Key == "*/*" ? "application/json" : chosen.Key;
        return (type, references.ResolveOrNull(chosen.Value?["schema"]));
    }

    private static (string? ContentType, JsonObject? Schema) SwaggerRequest(List<JsonObject> parameters, JsonObject operation, JsonObject document, ReferenceResolver references)
    {
        if (parameters.FirstOrDefault(p => p["in"]?.GetValue<string>() == "body") is { } body)
        {
            var consumes = (operation["consumes"] ?? document["consumes"]) as JsonArray;
            var type = consumes?.Select(c => c?.GetValue<string>()).FirstOrDefault(c => c is not null && MediaTypes.IsJson(c)) ?? "application/json";
            return (type, references.ResolveOrNull(body["schema"]));
        }
        var form = parameters.Where(p => p["in"]?.GetValue<string>() == "formData").ToList();
        if (form.Count == 0)
        {
            return (null, null);
        }
        var properties = new JsonObject();
        foreach (var field in form)
        {
            properties[field["name"]!.GetValue<string>()] = new JsonObject { ["type"] = field["type"]?.DeepClone() ?? "string" };
        }
        return ("application/x-www-form-urlencoded", new JsonObject { ["type"] = "object", ["properties"] = properties });
    }

    private static List<SpecResponse> Responses(JsonObject operation, bool swagger, JsonObject document, ReferenceResolver references)
    {
        var result = new List<SpecResponse>();
        foreach (var (key, value) in operation["responses"] as JsonObject ?? [])
        {
            var status = key switch
            {
                "default" => 0,
                _ when key.Length == 3 && key.EndsWith("XX", StringComparison.OrdinalIgnoreCase) && char.IsDigit(key[0]) => (key[0] - '0') * 100,
                _ => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code is >= 100 and < 600 ? code : -1,
            };
            if (status < 0)
            {
                continue;
            }
            if (swagger)
            {
                var response = references.ResolveOrNull(value);
                var produces = (operation["produces"] ?? document["produces"]) as JsonArray;
                var type = produces?.Select(c => c?.GetValue<string>()).FirstOrDefault(c => c is not null && MediaTypes.IsJson(c))
                    ?? produces?.FirstOrDefault()?.GetValue<string>() ?? "application/json";
                var schema = references.ResolveOrNull(response?["schema"]);
                result.Add(new SpecResponse(status, schema is null ? null : type, schema));
            }
            else
            {
                var (type, schema) = OpenApiBody(value, references, preferJson: true);
                result.Add(new SpecResponse(status, type, schema));
            }
        }
        // "default" stands for the success response when none is declared, else for an error.
        var hasSuccess = result.Any(r => r.Status is >= 200 and < 300);
        result = result.Select(r => r.Status == 0 ? r with { Status = hasSuccess ? 500 : 200 } : r).ToList();
        if (result.Count == 0)
        {
            result.Add(new SpecResponse(200, null, null));
        }
        return result;
    }

    private static OperationAuth Auth(JsonNode? security, JsonObject? schemes)
    {
        if (security is not JsonArray { Count: > 0 } requirements || requirements[0] is not JsonObject { Count: > 0 } first ||
            schemes?[first.First().Key] is not JsonObject scheme)
        {
            return OperationAuth.None;
        }
        var type = scheme["type"]?.GetValue<string>();
        var name = scheme["name"]?.GetValue<string>();
        return type switch
        {
            "http" when string.Equals(scheme["scheme"]?.GetValue<string>(), "basic", StringComparison.OrdinalIgnoreCase) => new OperationAuth(AuthKind.Basic, null),
            "basic" => new OperationAuth(AuthKind.Basic, null),
            "http" or "oauth2" or "openIdConnect" => new OperationAuth(AuthKind.BearerJwt, null),
            "apiKey" when name is null or "" => OperationAuth.None,
            "apiKey" when scheme["in"]?.GetValue<string>() == "query" => new OperationAuth(AuthKind.ApiKeyQuery, name),
            "apiKey" when scheme["in"]?.GetValue<string>() == "header" && !IsReservedHeader(name) => new OperationAuth(AuthKind.ApiKeyHeader, name),
            "apiKey" when scheme["in"]?.GetValue<string>() == "header" && name.Equals("Authorization", StringComparison.OrdinalIgnoreCase) => new OperationAuth(AuthKind.BearerJwt, null),
            _ => OperationAuth.None,
        };
    }

    private static List<PlantedValue> Plants(JsonObject operation) =>
        (operation["x-bench-plant"]?.AsArray() ?? [])
            .Select(p => new PlantedValue(p!["type"]!.GetValue<string>(), p["field"]!.GetValue<string>(), p["direction"]!.GetValue<string>()))
            .ToList();
}
