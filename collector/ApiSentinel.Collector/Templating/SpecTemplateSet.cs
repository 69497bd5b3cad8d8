namespace ApiSentinel.Collector.Templating;

/// <summary>
/// The path templates an OpenAPI spec declares for a host, as a trie. At each segment a literal is tried first, then
/// a segment with an embedded placeholder (<c>{name}:cancel</c>, <c>{file}.json</c>, <c>v{major}</c>), then a
/// whole-segment placeholder, backtracking when a branch dead-ends — the precedence OpenAPI and
/// <see cref="Specs.SpecIndex"/> use, so <c>/users/me</c> wins over <c>/users/{id}</c> and <c>/v1/{name}:cancel</c>
/// over <c>/v1/{name}</c>.
/// </summary>
/// <remarks>
/// Measured on 200 public specs (bench/run-accuracy.sh, seed 1): Google-style custom methods
/// (<c>/v2/{name}:execute</c> beside <c>/v2/{name}</c>) were 0.9 % of the full-spec template misses' operations
/// but every one of them collapsed into the plain placeholder when any segment containing '{' matched anything.
/// A literal segment that arrives percent-encoded (<c>%24metadata</c>) is compared decoded too.
/// </remarks>
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
            int open = segment.IndexOf('{');
            int close = segment.LastIndexOf('}');
            if (open >= 0 && close > open)
            {
                string name = PathSegments.IsPlaceholder(segment) ? segment[1..^1].ToString() : segment.ToString();
                parameters.Add(new PathParameter(name, i, "spec", "declared by the OpenAPI spec"));
                node = open == 0 && close == segment.Length - 1
                    ? node.Parameter ??= new Node()
                    : node.EmbeddedChild(segment[..open].ToString(), segment[(close + 1)..].ToString());
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
        if (node.Literals.Count > 0 && LiteralChild(node, segment) is { } literalChild)
        {
            var found = Match(literalChild, path, segments, index + 1);
            if (found is not null)
            {
                return found;
            }
        }

        // A whole-segment placeholder from a template ({id}) stands for any value, so it only fits a whole-segment
        // parameter; an embedded template segment ({name}:cancel) fits the embedded pattern it came from.
        if (node.Embedded is { } embedded && !PathSegments.IsPlaceholder(segment))
        {
            foreach (var candidate in embedded)
            {
                if (candidate.Matches(segment))
                {
                    var found = Match(candidate.Child, path, segments, index + 1);
                    if (found is not null)
                    {
                        return found;
                    }
                }
            }
        }

        return node.Parameter is null ? null : Match(node.Parameter, path, segments, index + 1);
    }

    private static Node? LiteralChild(Node node, ReadOnlySpan<char> segment)
    {
        if (node.LiteralLookup.TryGetValue(segment, out var child))
        {
            return child;
        }

        // Clients encode characters the spec writes plainly ($, :, @); the rare '%' keeps this off the common path.
        if (segment.Contains('%'))
        {
            string decoded = Uri.UnescapeDataString(segment.ToString());
            if (node.Literals.TryGetValue(decoded, out child))
            {
                return child;
            }
        }

        return null;
    }

    private sealed class Node
    {
        public Node()
        {
            LiteralLookup = Literals.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public Dictionary<string, Node> Literals { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Node>.AlternateLookup<ReadOnlySpan<char>> LiteralLookup { get; }

        /// <summary>Embedded-placeholder segments, most fixed characters first (the more specific pattern wins).</summary>
        public List<EmbeddedSegment>? Embedded { get; private set; }

        public Node? Parameter { get; set; }

        public PathTemplate? Template { get; set; }

        public Node EmbeddedChild(string prefix, string suffix)
        {
            Embedded ??= [];
            foreach (var existing in Embedded)
            {
                if (existing.Prefix == prefix && existing.Suffix == suffix)
                {
                    return existing.Child;
                }
            }

            var added = new EmbeddedSegment(prefix, suffix, new Node());
            Embedded.Add(added);
            Embedded.Sort(static (a, b) =>
            {
                int byLength = (b.Prefix.Length + b.Suffix.Length).CompareTo(a.Prefix.Length + a.Suffix.Length);
                return byLength != 0 ? byLength : string.CompareOrdinal(a.Prefix + "\0" + a.Suffix, b.Prefix + "\0" + b.Suffix);
            });
            return added.Child;
        }
    }

    private sealed record EmbeddedSegment(string Prefix, string Suffix, Node Child)
    {
        public bool Matches(ReadOnlySpan<char> segment) =>
            segment.Length > Prefix.Length + Suffix.Length &&
            segment.StartsWith(Prefix, StringComparison.Ordinal) && segment.EndsWith(Suffix, StringComparison.Ordinal);
    }
}
