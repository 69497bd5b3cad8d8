using System.Globalization;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Schema.Structure;

/// <summary>
/// Visits every schema node of an openAPIV3Schema with the path kube prints for it
/// (<c>openAPIV3Schema.properties[spec].items</c>), telling whether the node is inside a value validation
/// (allOf/anyOf/oneOf/not), where structural rules differ.
/// </summary>
internal static class SchemaWalker
{
    public delegate void Visitor(JsonObject node, string path, bool inValueValidation, int depth);

    public static void Walk(JsonObject root, string rootPath, Visitor visit) => Walk(root, rootPath, false, 0, visit);

    private static void Walk(JsonObject node, string path, bool inValueValidation, int depth, Visitor visit)
    {
        visit(node, path, inValueValidation, depth);
        if (node[SchemaKeywords.Properties] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (child is JsonObject c)
                {
                    Walk(c, $"{path}.properties[{name}]", inValueValidation, depth + 1, visit);
                }
            }
        }
        if (node[SchemaKeywords.Items] is JsonObject items)
        {
            Walk(items, path + ".items", inValueValidation, depth + 1, visit);
        }
        if (node[SchemaKeywords.AdditionalProperties] is JsonObject additional)
        {
            Walk(additional, path + ".additionalProperties", inValueValidation, depth + 1, visit);
        }
        foreach (var keyword in new[] { SchemaKeywords.AllOf, SchemaKeywords.AnyOf, SchemaKeywords.OneOf })
        {
            if (node[keyword] is JsonArray parts)
            {
                for (var i = 0; i < parts.Count; i++)
                {
                    if (parts[i] is JsonObject part)
                    {
                        Walk(part, string.Create(CultureInfo.InvariantCulture, $"{path}.{keyword}[{i}]"), true, depth + 1, visit);
                    }
                }
            }
        }
        if (node[SchemaKeywords.Not] is JsonObject not)
        {
            Walk(not, path + ".not", true, depth + 1, visit);
        }
    }
}
