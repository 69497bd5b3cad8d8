using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Specs;

/// <summary>
/// Writes an OpenAPI 3.0.3 document describing observed endpoints — a starting point for teams without a spec.
/// </summary>
/// <remarks>
/// The JSON is built directly rather than through Microsoft.OpenApi's object model so the output is stable and
/// independent of that library's serializer defaults; tests read it back with Microsoft.OpenApi. Every host is a
/// server; when there are several hosts, each path item lists its own hosts. Path parameters are typed from the
/// value class the templater saw in them (integer ids are integers, UUIDs strings of format uuid, the rest
/// strings). Response field schemas go on 2xx responses only (the shape does
/// not say which status carried which body). Security schemes are inferred from credential kinds; api-key names
/// and locations are not observed in the shape, so the api-key scheme is a generic header placeholder.
/// </remarks>
public static class OpenApiReconstructor
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string ToJson(IEnumerable<ReconstructedEndpoint> endpoints, string title)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(title);
        var list = endpoints.OrderBy(e => e.PathTemplate, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToArray();
        var hosts = list.Select(e => e.Host.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
        var paths = new JsonObject();
        var schemes = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);

        foreach (var group in list.GroupBy(e => NormalizePath(e.PathTemplate), StringComparer.Ordinal))
        {
            var pathItem = new JsonObject();
            foreach (var endpoint in group)
            {
                var method = endpoint.Method.ToLowerInvariant();
                if (!IsOpenApiMethod(method) || pathItem.ContainsKey(method))
                {
                    continue;
                }

                pathItem[method] = Operation(endpoint, group.Key, schemes);
            }

            if (pathItem.Count == 0)
            {
                continue;
            }

            var pathHosts = group.Select(e => e.Host.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal).ToArray();
            if (hosts.Length > 1)
            {
                pathItem["servers"] = Servers(pathHosts);
            }

            paths[group.Key] = pathItem;
        }

        var document = new JsonObject
        {
            ["openapi"] = "3.0.3",
            ["info"] = new JsonObject
            {
                ["title"] = title,
                ["version"] = "observed",
                ["description"] = "Reconstructed by ApiSentinel from observed traffic.",
            },
            ["servers"] = Servers(hosts),
            ["paths"] = paths,
        };

        if (schemes.Count > 0)
        {
            var securitySchemes = new JsonObject();
            foreach (var (name, scheme) in schemes)
            {
                securitySchemes[name] = scheme;
            }

            document["components"] = new JsonObject { ["securitySchemes"] = securitySchemes };
        }

        return document.ToJsonString(Indented);
    }

    private static JsonObject Operation(ReconstructedEndpoint endpoint, string template, SortedDictionary<string, JsonObject> schemes)
    {
        var shape = endpoint.Shape;
        var parameters = new JsonArray();
        foreach (var name in PathParameterNames(template))
        {
            parameters.Add(new JsonObject
            {
                ["name"] = name, ["in"] = "path", ["required"] = true,
                ["schema"] = PathParameterSchema(endpoint.PathParameterClasses.GetValueOrDefault(name)),
            });
        }

        foreach (var (name, kinds) in shape.QueryKinds.OrderBy(q => q.Key, StringComparer.Ordinal))
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = ObservedSchemaBuilder.ForKinds(kinds) });
        }

        foreach (var header in shape.RequestHeaders.Select(h => h.ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal))
        {
            // OpenAPI forbids describing Accept, Content-Type and Authorization as header parameters.
            if (!StandardRequestHeaders.Contains(header))
            {
                parameters.Add(new JsonObject { ["name"] = header, ["in"] = "header", ["schema"] = new JsonObject { ["type"] = "string" } });
            }
        }

        var operation = new JsonObject();
        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        if (endpoint.RequestContentType is { } requestType)
        {
            var schema = shape.RequestFieldKinds.Count > 0 ? ObservedSchemaBuilder.ForFields(shape.RequestFieldKinds) : new JsonObject();
            operation["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject { [MediaType(requestType)] = new JsonObject { ["schema"] = schema } },
            };
        }

        var responses = new JsonObject();
        foreach (var status in shape.Statuses.Where(s => s is >= 100 and <= 599).Order())
        {
            var response = new JsonObject { ["description"] = "Observed" };
            if (status is >= 200 and < 300 && status != 204 && endpoint.ResponseContentType is { } responseType)
            {
                var schema = shape.ResponseFieldKinds.Count > 0 ? ObservedSchemaBuilder.ForFields(shape.ResponseFieldKinds) : new JsonObject();
                response["content"] = new JsonObject { [MediaType(responseType)] = new JsonObject { ["schema"] = schema } };
            }

            responses[status.ToString(CultureInfo.InvariantCulture)] = response;
        }

        if (responses.Count == 0)
        {
            responses["default"] = new JsonObject { ["description"] = "No response observed" };
        }

        operation["responses"] = responses;

        if (endpoint.Authenticated)
        {
            var security = new JsonArray();
            foreach (var kind in shape.AuthKinds.Order(StringComparer.Ordinal))
            {
                if (SchemeFor(kind) is { } scheme)
                {
                    schemes.TryAdd(scheme.Name, scheme.Definition);
                    security.Add(new JsonObject { [scheme.Name] = new JsonArray() });
                }
            }

            if (security.Count > 0)
            {
                operation["security"] = security;
            }
        }

        return operation;
    }

    /// <summary>
    /// Only a class seen on every value narrows the type: <c>integer|word</c> means some ids were words, and a
    /// schema saying integer would reject them.
    /// </summary>
    private static JsonObject PathParameterSchema(string? valueClass) => valueClass switch
    {
        "integer" => new JsonObject { ["type"] = "integer" },
        "uuid" => new JsonObject { ["type"] = "string", ["format"] = "uuid" },
        "date" => new JsonObject { ["type"] = "string", ["format"] = "date" },
        "email" => new JsonObject { ["type"] = "string", ["format"] = "email" },
        _ => new JsonObject { ["type"] = "string" },
    };

    private static (string Name, JsonObject Definition)? SchemeFor(string kind) => kind switch
    {
        AuthKinds.Basic => ("basicAuth", new JsonObject { ["type"] = "http", ["scheme"] = "basic" }),
        AuthKinds.Digest => ("digestAuth", new JsonObject { ["type"] = "http", ["scheme"] = "digest" }),
        AuthKinds.Negotiate => ("negotiateAuth", new JsonObject { ["type"] = "http", ["scheme"] = "negotiate" }),
        AuthKinds.Bearer => ("bearerAuth", new JsonObject { ["type"] = "http", ["scheme"] = "bearer" }),
        AuthKinds.Jwt => ("jwtAuth", new JsonObject { ["type"] = "http", ["scheme"] = "bearer", ["bearerFormat"] = "JWT" }),
        AuthKinds.ApiKey => ("apiKey", new JsonObject { ["type"] = "apiKey", ["in"] = "header", ["name"] = "X-API-Key" }),
        AuthKinds.SessionCookie => ("sessionCookie", new JsonObject { ["type"] = "apiKey", ["in"] = "cookie", ["name"] = "session" }),
        _ => null,
    };

    private static JsonArray Servers(IEnumerable<string> hosts)
    {
        var servers = new JsonArray();
        foreach (var host in hosts)
        {
            // The scheme is not observable from the shape; TLS traffic is not decoded by the sensor, so plain HTTP.
            servers.Add(new JsonObject { ["url"] = "http://" + host });
        }

        return servers;
    }

    private static string NormalizePath(string template)
    {
        var path = template.StartsWith('/') ? template : "/" + template;
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }

    private static IEnumerable<string> PathParameterNames(string template)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        while ((i = template.IndexOf('{', i)) >= 0)
        {
            var close = template.IndexOf('}', i);
            if (close < 0)
            {
                yield break;
            }

            var name = template[(i + 1)..close];
            if (name.Length > 0 && seen.Add(name))
            {
                yield return name;
            }

            i = close + 1;
        }
    }

    private static string MediaType(string contentType)
    {
        var semicolon = contentType.IndexOf(';', StringComparison.Ordinal);
        var media = (semicolon < 0 ? contentType : contentType[..semicolon]).Trim().ToLowerInvariant();
        return media.Length == 0 ? "application/octet-stream" : media;
    }

    private static bool IsOpenApiMethod(string method) =>
        method is "get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace";
}
