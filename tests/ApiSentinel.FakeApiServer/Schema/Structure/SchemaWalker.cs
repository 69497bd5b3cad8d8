using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Schema.Structure;

/// <summary>
/// One schema node met by <see cref="SchemaWalker"/>, with what the structural rules need to know about where it is.
/// </summary>
/// <param name="Path">As kube prints it: <c>openAPIV3Schema.properties[spec].items</c>.</param>
/// <param name="InValueValidation">Inside allOf/anyOf/oneOf/not, where structural rules differ.</param>
/// <param name="IntOrStringBranch">
/// A branch of an int-or-string node's <c>anyOf</c> (directly or under its <c>allOf</c>): kube allows
/// <c>type: integer</c> and <c>type: string</c> there.
/// </param>
/// <param name="Uncorrelatable">
/// Under the items of a list that is not <c>x-kubernetes-list-type: map</c>: an update cannot pair old and new
/// values here, so transition rules (<c>oldSelf</c>) are refused.
/// </param>
/// <param name="IsProperty">A value of <c>properties</c>: a field that <c>kubectl explain</c> lists.</param>
internal sealed record SchemaVisit(JsonObject Node, string Path, bool InValueValidation, int Depth, bool IntOrStringBranch, bool Uncorrelatable, bool IsProperty);

/// <summary>Visits every schema node of an openAPIV3Schema, parents before children.</summary>
internal static class SchemaWalker
{
    public static void Walk(JsonObject root, string rootPath, Action<SchemaVisit> visit) =>
        Walk(new SchemaVisit(root, rootPath, false, 0, false, false, false), false, visit);

    private static void Walk(SchemaVisit at, bool intOrStringAllOf, Action<SchemaVisit> visit)
    {
        visit(at);
        var node = at.Node;
        var child = at with { Depth = at.Depth + 1, IntOrStringBranch = false, IsProperty = false };
        var intOrString = node[SchemaKeywords.IntOrString] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        if (node[SchemaKeywords.Properties] is JsonObject properties)
        {
            foreach (var (name, property) in properties)
            {
                if (property is JsonObject p)
                {
                    Walk(child with { Node = p, Path = $"{at.Path}.properties[{name}]", IsProperty = true }, false, visit);
                }
            }
        }
        if (node[SchemaKeywords.Items] is JsonObject items)
        {
            var isMapList = node[SchemaKeywords.ListType] is JsonValue t && t.GetValueKind() == JsonValueKind.String && t.GetValue<string>() == ListTypes.Map;
            Walk(child with { Node = items, Path = at.Path + ".items", Uncorrelatable = at.Uncorrelatable || !isMapList }, false, visit);
        }
        if (node[SchemaKeywords.AdditionalProperties] is JsonObject additional)
        {
            Walk(child with { Node = additional, Path = at.Path + ".additionalProperties" }, false, visit);
        }
        foreach (var keyword in new[] { SchemaKeywords.AllOf, SchemaKeywords.AnyOf, SchemaKeywords.OneOf })
        {
            if (node[keyword] is not JsonArray parts)
            {
                continue;
            }
            for (var i = 0; i < parts.Count; i++)
            {
                if (parts[i] is JsonObject part)
                {
                    var branch = keyword == SchemaKeywords.AnyOf && (intOrString || intOrStringAllOf);
                    Walk(child with
                    {
                        Node = part,
                        Path = string.Create(CultureInfo.InvariantCulture, $"{at.Path}.{keyword}[{i}]"),
                        InValueValidation = true,
                        IntOrStringBranch = branch,
                    }, keyword == SchemaKeywords.AllOf && intOrString, visit);
                }
            }
        }
        if (node[SchemaKeywords.Not] is JsonObject not)
        {
            Walk(child with { Node = not, Path = at.Path + ".not", InValueValidation = true }, false, visit);
        }
    }
}
