using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.OpenApi;

/// <summary>
/// Where Swagger 2.0 (<c>/openapi/v2</c>) and OpenAPI 3 (<c>/openapi/v3/…</c>) spell the same things differently:
/// references, parameters and responses. One path and schema builder serves both through it.
/// </summary>
internal sealed class OpenApiDialect
{
    public static OpenApiDialect V2 { get; } = new("#/definitions/", openApi3: false);

    public static OpenApiDialect V3 { get; } = new("#/components/schemas/", openApi3: true);

    private readonly bool _openApi3;

    private OpenApiDialect(string refPrefix, bool openApi3)
    {
        RefPrefix = refPrefix;
        _openApi3 = openApi3;
    }

    public string RefPrefix { get; }

    public JsonObject Ref(string schemaName) => new() { ["$ref"] = RefPrefix + schemaName };

    public JsonObject Parameter(string name, string location, string description, string type = "string", bool required = false)
    {
        var parameter = new JsonObject { ["name"] = name, ["in"] = location, ["description"] = description };
        if (required)
        {
            parameter["required"] = true;
        }
        if (_openApi3)
        {
            parameter["schema"] = new JsonObject { ["type"] = type, ["uniqueItems"] = true };
        }
        else
        {
            parameter["type"] = type;
            parameter["uniqueItems"] = true;
        }
        return parameter;
    }

    public JsonObject Responses(string schemaName, params string[] codes)
    {
        var responses = new JsonObject();
        foreach (var code in codes)
        {
            var response = new JsonObject { ["description"] = code == "201" ? "Created" : "OK" };
            if (_openApi3)
            {
                response["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(schemaName) } };
            }
            else
            {
                response["schema"] = Ref(schemaName);
            }
            responses[code] = response;
        }
        return responses;
    }
}
