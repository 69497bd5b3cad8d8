using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// Which of a spec's operations a concrete path belongs to, by OpenAPI's rule (a literal segment beats an
/// embedded parameter beats a whole-segment parameter, first difference from the left). The generator uses it
/// to redraw a value that would land on a sibling (<c>/users/{id}</c> drawing <c>me</c> where <c>/users/me</c>
/// exists): the truth must be what the traffic really is.
/// </summary>
internal sealed class SpecRouter
{
    private readonly List<(SpecOperation Operation, Segment[] Segments)> _templates;

    public SpecRouter(IEnumerable<SpecOperation> operations)
    {
        _templates = operations.Select(o => (o, Split(o.FullPath).Select(Segment.Of).ToArray())).ToList();
    }

    public SpecOperation? Route(string method, string path)
    {
        var segments = Split(path);
        (SpecOperation Operation, Segment[] Segments)? best = null;
        foreach (var candidate in _templates)
        {
            if (candidate.Operation.Method != method || candidate.Segments.Length != segments.Length ||
                !candidate.Segments.Zip(segments).All(p => p.First.Matches(p.Second)))
            {
                continue;
            }
            if (best is null || Compare(candidate.Segments, best.Value.Segments) > 0)
            {
                best = candidate;
            }
        }
        return best?.Operation;
    }

    private static string[] Split(string path) => path.Trim('/').Split('/');

    private static int Compare(Segment[] a, Segment[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i].Kind != b[i].Kind)
            {
                return a[i].Kind - b[i].Kind;
            }
        }
        return 0;
    }

    private readonly record struct Segment(int Kind, string Prefix, string Suffix)
    {
        public static Segment Of(string text)
        {
            var open = text.IndexOf('{', StringComparison.Ordinal);
            var close = text.LastIndexOf('}');
            if (open < 0 || close < open)
            {
                return new Segment(2, text, "");
            }
            var prefix = text[..open];
            var suffix = text[(close + 1)..];
            return new Segment(prefix.Length + suffix.Length == 0 ? 0 : 1, prefix, suffix);
        }

        public bool Matches(string input) => Kind switch
        {
            2 => input == Prefix,
            0 => input.Length > 0,
            _ => input.Length > Prefix.Length + Suffix.Length && input.StartsWith(Prefix, StringComparison.Ordinal) && input.EndsWith(Suffix, StringComparison.Ordinal),
        };
    }
}
