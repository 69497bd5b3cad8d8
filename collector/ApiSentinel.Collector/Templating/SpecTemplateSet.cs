namespace ApiSentinel.Collector.Templating;

/// <summary>
/// The path templates an OpenAPI spec declares for a host, as a trie. Matching prefers a literal over a parameter at
/// each segment and backtracks, so <c>/users/me</c> wins over <c>/users/{id}</c> as OpenAPI requires. A segment with
/// a placeholder anywhere in it (<c>/files/{name}.json</c>) matches any one segment.
/// </summary>
internal sealed class SpecTemplateSet
{
    private readonly Node _root = new();

    public SpecTemplateSet(IEnumerable<string> templates)
    {
        foreach (string template in templates)
        {
            if (!string.IsNullOrWhiteSpace(template))
            {
                Add(template);
            }
        }
    }

    public int Count { get; private set; }

    private void Add(string template)
    {
        var ranges = PathSegments.SplitToArray(template);
        var node = _root;
        var parameters = new List<PathParameter>();
        for (int i = 0; i < ranges.Length; i++)
        {
            ReadOnlySpan<char> segment = template.AsSpan(ranges[i]);
            if (segment.Contains('{'))
            {
                string name = PathSegments.IsPlaceholder(segment) ? segment[1..^1].ToString() : segment.ToString();
                parameters.Add(new PathParameter(name, i, "spec", "declared by the OpenAPI spec"));
                node = node.Parameter ??= new Node();
            }
            else
            {
                string literal = segment.ToString();
                if (!node.Literals.TryGetValue(literal, out var child))
                {
                    child = new Node();
                    node.Literals.Add(literal, child);
                }

                node = child;
            }
        }

        if (node.Template is null)
        {
            Count++;
        }

        // First declaration wins when two templates differ only in parameter names.
        node.Template ??= new PathTemplate(template, parameters, "spec", 1.0);
    }

    public PathTemplate? Match(ReadOnlySpan<char> path, ReadOnlySpan<Range> segments) => Match(_root, path, segments, 0);

    private static PathTemplate? Match(Node node, ReadOnlySpan<char> path, ReadOnlySpan<Range> segments, int index)
    {
        if (index == segments.Length)
        {
            return node.Template;
        }

        ReadOnlySpan<char> segment = path[segments[index]];
        if (node.Literals.Count > 0 && node.LiteralLookup.TryGetValue(segment, out var literalChild))
        {
            var found = Match(literalChild, path, segments, index + 1);
            if (found is not null)
            {
                return found;
            }
        }

        return node.Parameter is null ? null : Match(node.Parameter, path, segments, index + 1);
    }

    private sealed class Node
    {
        public Node()
        {
            LiteralLookup = Literals.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public Dictionary<string, Node> Literals { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> LiteralLookup { get; }

        public Node? Parameter { get; set; }

        public PathTemplate? Template { get; set; }
    }
}
