using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Schema.Structure;

/// <summary>
/// Visits every schema node of an openAPIV3Schema with the path kube prints for it
/// (<c>openAPIV3Schema.properties[spec].items</c>), telling whether the node is inside a value validation
/// (allOf/anyOf/oneOf/not), where structural rules differ, and whether it is a branch of an int-or-string node's
/// <c>anyOf</c> (directly or under its <c>allOf</c>), where kube allows <c>type: integer</c> and <c>type: string</c>.
/// </summary>
internal static class SchemaWalker
{
    public delegate void Visitor(JsonObject node, string path, bool inValueValidation, int depth, bool intOrStringBranch);

    public static void Walk(JsonObject root, string rootPath, Visitor visit) => Walk(root, rootPath, false, 0, false, false, visit);

    private static void Walk(JsonObject node, string path, bool inValueValidation, int depth, bool intOrStringBranch, bool intOrStringAllOf, Visitor visit)
    {
        visit(node, path, inValueValidation, depth, intOrStringBranch);
        var intOrString = node[SchemaKeywords.IntOrString] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        if (node[SchemaKeywords.Properties] is JsonObject properties)
        {
            foreach (var (name, child) in properties)
            {
                if (child is JsonObject c)
                {
                    Walk(c, $"{path}.properties[{name}]", inValueValidation, depth + 1, false, false, visit);
                }
            }
        }
        if (node[SchemaKeywords.Items] is JsonObject items)
        {
            Walk(items, path + ".items", inValueValidation, depth + 1, false, false, visit);
        }
        if (node[SchemaKeywords.AdditionalProperties] is JsonObject additional)
        {
            Walk(additional, path + ".additionalProperties", inValueValidation, depth + 1, false, false, visit);
        }
        foreach (var keyword in new[] { SchemaKeywords.AllOf, SchemaKeywords.AnyOf, SchemaKeywords.OneOf })
        {
            if (node[keyword] is JsonArray parts)
            {
                for (var i = 0; i < parts.Count; i++)
                {
                    if (parts[i] is JsonObject part)
                    {
                        var branch = keyword == SchemaKeywords.AnyOf && (intOrString || intOrStringAllOf);
                        var allOfOfIntOrString = keyword == SchemaKeywords.AllOf && intOrString;
                        Walk(part, string.Create(CultureInfo.InvariantCulture, $"{path}.{keyword}[{i}]"), true, depth + 1, branch, allOfOfIntOrString, visit);
                    }
                }
            }
        }
        if (node[SchemaKeywords.Not] is JsonObject not)
        {
            Walk(not, path + ".not", true, depth + 1, false, false, visit);
        }
    }
}
