using System.Text.RegularExpressions;

namespace ApiSentinel.FakeApiServer.Schema.Structure;

/// <summary>
/// Resolves a printer column's jsonPath (<c>.status.risk.score</c>, <c>.spec.ports[0].port</c>,
/// <c>.status.conditions[?(@.type=="Ready")].status</c>, <c>.metadata.labels.app</c>) through the schema, so a typo
/// that would print an empty column is caught.
/// </summary>
internal static partial class ColumnPaths
{
    /// <summary>Null when the path resolves (or leaves the schema's knowledge); else why not.</summary>
    public static string? Resolve(SchemaNode root, string jsonPath)
    {
        if (!jsonPath.StartsWith('.'))
        {
            return "must be a simple json path starting with .";
        }
        var segments = SegmentPattern().Matches(jsonPath);
        if (segments.Sum(m => m.Length) != jsonPath.Length)
        {
            return "must be a simple json path (.field, .field[index] or .field['key'])";
        }
        var node = root;
        var first = true;
        foreach (Match segment in segments)
        {
            var name = segment.Groups["name"].Success ? segment.Groups["name"].Value : null;
            if (name is not null)
            {
                // metadata's fields are ObjectMeta's, not the CRD's.
                if (first && name == "metadata")
                {
                    return null;
                }
                if (node.PreserveUnknownFields || node.IntOrString)
                {
                    return null;
                }
                if (node.AdditionalProperties is { } values)
                {
                    node = values;
                }
                else if (node.Properties.TryGetValue(name, out var child))
                {
                    node = child;
                }
                else
                {
                    return $"the schema has no field {name} here";
                }
            }
            else if (segment.Groups["index"].Success)
            {
                if (node.Items is not { } items)
                {
                    return "indexes a field that is not an array";
                }
                node = items;
            }
            else if (segment.Groups["key"].Success)
            {
                if (node.AdditionalProperties is { } values)
                {
                    node = values;
                }
                else if (node.Properties.TryGetValue(segment.Groups["key"].Value, out var child))
                {
                    node = child;
                }
                else if (!node.PreserveUnknownFields)
                {
                    return $"the schema has no field {segment.Groups["key"].Value} here";
                }
            }
            first = false;
        }
        return null;
    }

    // A filter ([?(@.type=="Ready")]) selects items like an index does; kube accepts it in printer columns.
    [GeneratedRegex(@"\.(?<name>[A-Za-z0-9_-]+)|\[(?<index>\d+|\*|\?\([^\]]*\))\]|\[['""](?<key>[^'""]+)['""]\]")]
    private static partial Regex SegmentPattern();
}
