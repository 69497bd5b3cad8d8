using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>The JSON type name of a value as kube-openapi reports it in "must be of type" messages.</summary>
public static class JsonTypes
{
    public const string Null = "null";

    public static string Of(JsonNode? value) => value switch
    {
        null => Null,
        JsonObject => SchemaTypes.Object,
        JsonArray => SchemaTypes.Array,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => SchemaTypes.String,
            JsonValueKind.True or JsonValueKind.False => SchemaTypes.Boolean,
            JsonValueKind.Number => JsonNumbers.TryGetInteger(v, out _) ? SchemaTypes.Integer : SchemaTypes.Number,
            JsonValueKind.Null => Null,
            _ => SchemaTypes.Object,
        },
        _ => SchemaTypes.Object,
    };

    public static bool IsNull(JsonNode? value) => value is null || (value is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    /// <summary>True when <paramref name="value"/> has the schema type (an integer is also a number).</summary>
    public static bool Matches(string schemaType, JsonNode? value)
    {
        var actual = Of(value);
        return actual == schemaType || (schemaType == SchemaTypes.Number && actual == SchemaTypes.Integer);
    }
}
