using Microsoft.OpenApi;

namespace ApiSentinel.Collector.Specs;

/// <summary>
/// The compact type text stored for spec fields and parameters: JSON type names joined by <c>|</c>
/// (<c>integer</c>, <c>string|null</c>), a string or number type optionally carrying its format after a colon
/// (<c>string:uuid</c>, <c>integer:int64|null</c>), or <c>any</c> when the schema does not constrain the value
/// (no type, a recursion cut, or the depth bound) — children of an <c>any</c> field are documented too.
/// </summary>
public static class SchemaTypeExpression
{
    public const string Any = "any";

    internal static string From(IOpenApiSchema schema)
    {
        var work = MaxInferenceNodes;
        var type = schema.Type ?? InferType(schema, ref work);
        if (type is null || type == 0)
        {
            return Any;
        }

        var parts = new List<string>(2);
        foreach (var (flag, name) in Names)
        {
            if ((type.Value & flag) != 0)
            {
                var format = schema.Format;
                parts.Add(!string.IsNullOrEmpty(format) && flag is JsonSchemaType.String or JsonSchemaType.Integer or JsonSchemaType.Number
                    ? name + ":" + format
                    : name);
            }
        }

        return string.Join('|', parts);
    }

    /// <summary>Splits an expression into (type, format) pairs; <c>any</c> gives no pairs.</summary>
    public static IEnumerable<(string Type, string? Format)> Parse(string expression)
    {
        if (expression == Any)
        {
            yield break;
        }

        foreach (var part in expression.Split('|'))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            yield return colon < 0 ? (part, null) : (part[..colon], part[(colon + 1)..]);
        }
    }

    // Composition nested in composition is walked without memoisation here, and a crafted spec nests it
    // exponentially (issue 6, item 10); past this many schemas the type is left unknown ("any").
    private const int MaxInferenceNodes = 64;

    // allOf/anyOf/oneOf wrappers and bare "properties" schemas often omit "type".
    private static JsonSchemaType? InferType(IOpenApiSchema schema, ref int work)
    {
        if (--work < 0)
        {
            return null;
        }

        if (schema.Properties is { Count: > 0 } || schema.AdditionalProperties is not null)
        {
            return JsonSchemaType.Object;
        }

        if (schema.Items is not null)
        {
            return JsonSchemaType.Array;
        }

        JsonSchemaType? combined = null;
        foreach (var part in (schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []))
        {
            if (part is null)
            {
                return null;
            }

            var partType = part.Type ?? InferType(part, ref work);
            if (partType is null)
            {
                return null;
            }

            combined = (combined ?? 0) | partType.Value;
        }

        return combined;
    }

    private static readonly (JsonSchemaType Flag, string Name)[] Names =
    [
        (JsonSchemaType.Object, "object"),
        (JsonSchemaType.Array, "array"),
        (JsonSchemaType.String, "string"),
        (JsonSchemaType.Integer, "integer"),
        (JsonSchemaType.Number, "number"),
        (JsonSchemaType.Boolean, "boolean"),
        (JsonSchemaType.Null, "null"),
    ];
}
