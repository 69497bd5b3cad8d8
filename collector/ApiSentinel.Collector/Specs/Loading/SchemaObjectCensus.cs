using System.Text.Json.Nodes;

namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>
/// Counts the schema objects of a document on the tree, before the OpenAPI reader builds a model for each: the
/// reader's schema costs about 1 KB where the tree's empty object costs tens of bytes, so 1.5 M <c>allOf</c>
/// entries of <c>{}</c> (4.5 MB of text, well within <see cref="SpecBudget.MaxNodes"/>) took 1.27 GB. A schema
/// object is an object in a schema position: an entry of <c>components/schemas</c>, <c>definitions</c>,
/// <c>properties</c> and the other schema maps, of <c>allOf</c>/<c>oneOf</c>/<c>anyOf</c>, or the value of
/// <c>items</c>, <c>schema</c>, <c>not</c> and the other single-schema keywords. The positions are told by key,
/// wherever they appear: an over-count of an extension that reuses a keyword is harmless at these limits.
/// </summary>
internal static class SchemaObjectCensus
{
    public static void Check(JsonObject document, string sourceName, SpecBudget budget)
    {
        long schemas = 0;
        var pending = new Stack<JsonNode>();
        pending.Push(document);
        while (pending.TryPop(out var node))
        {
            if (node is JsonArray array)
            {
                foreach (var element in array)
                {
                    if (element is JsonObject or JsonArray)
                    {
                        pending.Push(element);
                    }
                }

                continue;
            }

            if (node is not JsonObject map)
            {
                continue;
            }

            foreach (var (key, value) in map)
            {
                if (value is null)
                {
                    continue;
                }

                schemas += SchemasAt(key, value, sourceName, budget);
                // Only containers wait on the stack: a million scalar keys in one mapping cost it nothing.
                if (value is JsonObject or JsonArray)
                {
                    pending.Push(value);
                }
            }

            if (schemas > budget.MaxSchemaObjects)
            {
                throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxSchemaObjects), budget.MaxSchemaObjects, "schema objects");
            }
        }
    }

    private static int SchemasAt(string key, JsonNode value, string sourceName, SpecBudget budget)
    {
        switch (key)
        {
            case "allOf" or "oneOf" or "anyOf" or "prefixItems" when value is JsonArray entries:
                if (entries.Count > budget.MaxCompositionEntries)
                {
                    throw SpecBudgetExceeded.Create(sourceName, nameof(SpecBudget.MaxCompositionEntries), budget.MaxCompositionEntries, "entries of one " + key);
                }

                return ObjectsIn(entries);
            case "items" when value is JsonArray tuple:
                return ObjectsIn(tuple);
            case "schemas" or "definitions" or "$defs" or "properties" or "patternProperties" or "dependentSchemas" when value is JsonObject schemaMap:
                var count = 0;
                foreach (var (_, schema) in schemaMap)
                {
                    count += schema is JsonObject ? 1 : 0;
                }

                return count;
            case "items" or "schema" or "additionalProperties" or "not" or "if" or "then" or "else" or "contains" or "propertyNames"
                or "additionalItems" or "unevaluatedItems" or "unevaluatedProperties" when value is JsonObject:
                return 1;
            default:
                return 0;
        }
    }

    private static int ObjectsIn(JsonArray entries)
    {
        var count = 0;
        foreach (var entry in entries)
        {
            count += entry is JsonObject ? 1 : 0;
        }

        return count;
    }
}
