using Microsoft.OpenApi;

namespace ApiSentinel.Collector.Specs;

/// <summary>
/// Flattens a body schema into the field paths the sensor reports: <c>$.user.id</c>, arrays as <c>[*]</c>, map
/// values (<c>additionalProperties</c> schemas) as <c>.*</c>. <c>$ref</c>s are followed, <c>allOf</c> merged, and
/// <c>oneOf</c>/<c>anyOf</c> unioned (a field any alternative allows is documented). Recursive schemas are cut at
/// the first repeat and everything is cut at <see cref="MaxDepth"/>; the cut field becomes <c>any</c>, so deeper
/// observed fields are not reported as undocumented.
/// </summary>
internal static class SchemaFlattener
{
    // The sensor's JSON walker reports fields to a bounded depth as well; 12 levels covers real APIs' nesting.
    public const int MaxDepth = 12;

    public static void Flatten(IOpenApiSchema? schema, Dictionary<string, string> fields)
    {
        if (schema is null)
        {
            return;
        }

        Visit(schema, "$", fields, new List<string>(), 0);
    }

    private static void Visit(IOpenApiSchema schema, string path, Dictionary<string, string> fields, List<string> referenceStack, int depth)
    {
        var referenceId = (schema as OpenApiSchemaReference)?.Reference.Id;
        if (referenceId is not null && referenceStack.Contains(referenceId) || depth > MaxDepth)
        {
            fields[path] = SchemaTypeExpression.Any;
            return;
        }

        if (referenceId is not null)
        {
            referenceStack.Add(referenceId);
        }

        Merge(fields, path, SchemaTypeExpression.From(schema));
        foreach (var (name, property) in schema.Properties ?? new Dictionary<string, IOpenApiSchema>())
        {
            Visit(property, path + "." + name, fields, referenceStack, depth + 1);
        }

        if (schema.AdditionalProperties is { } values)
        {
            Visit(values, path + ".*", fields, referenceStack, depth + 1);
        }

        if (schema.Items is { } items)
        {
            Visit(items, path + "[*]", fields, referenceStack, depth + 1);
        }

        foreach (var part in (schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []))
        {
            // Same depth: composition does not nest the JSON.
            Visit(part, path, fields, referenceStack, depth);
        }

        if (referenceId is not null)
        {
            referenceStack.RemoveAt(referenceStack.Count - 1);
        }
    }

    private static void Merge(Dictionary<string, string> fields, string path, string expression)
    {
        if (!fields.TryGetValue(path, out var existing) || existing == SchemaTypeExpression.Any)
        {
            fields[path] = expression;
            return;
        }

        if (expression == SchemaTypeExpression.Any || existing == expression)
        {
            return;
        }

        // Union of alternatives (oneOf string|integer, or an allOf part that restates the type).
        var parts = existing.Split('|').ToList();
        foreach (var part in expression.Split('|'))
        {
            if (!parts.Contains(part))
            {
                parts.Add(part);
            }
        }

        fields[path] = string.Join('|', parts);
    }
}
