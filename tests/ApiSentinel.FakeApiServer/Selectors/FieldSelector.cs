using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Http;
using ApiSentinel.FakeApiServer.Json;
using ApiSentinel.FakeApiServer.Resources;

namespace ApiSentinel.FakeApiServer.Selectors;

/// <summary>
/// A parsed <c>fieldSelector</c>: comma-separated <c>path=value</c>, <c>path==value</c>, <c>path!=value</c> over dotted
/// paths (<c>metadata.name</c>, <c>involvedObject.uid</c>). Only the labels the kind declares are accepted
/// (<see cref="SelectableFields"/>), as the real server does; any other is a 400.
/// </summary>
internal sealed class FieldSelector
{
    public static readonly FieldSelector Everything = new([]);

    private readonly IReadOnlyList<(string Path, bool Equal, string Value)> _terms;

    private FieldSelector(IReadOnlyList<(string Path, bool Equal, string Value)> terms) => _terms = terms;

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        var terms = new List<(string, bool, string)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var notEqual = part.IndexOf("!=", StringComparison.Ordinal);
            var equal = part.IndexOf('=', StringComparison.Ordinal);
            if (notEqual > 0)
            {
                terms.Add((PathOf(type, part[..notEqual]), false, part[(notEqual + 2)..]));
            }
            else if (equal > 0)
            {
                var value = part[(equal + 1)..];
                terms.Add((PathOf(type, part[..equal]), true, value.StartsWith('=') ? value[1..] : value));
            }
            else
            {
                throw KubeStatus.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }
        }
        return new FieldSelector(terms);
    }

    private static string PathOf(ResourceType type, string label) =>
        SelectableFields.PathOf(type, label) ?? throw KubeStatus.BadRequest($"field label not supported: {label}");

    public bool Matches(JsonObject obj) =>
        _terms.All(t => (JsonTree.ScalarText(JsonTree.AtDottedPath(obj, t.Path)) ?? "") == t.Value == t.Equal);
}
