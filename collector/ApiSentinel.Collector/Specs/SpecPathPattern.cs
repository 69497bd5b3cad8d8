namespace ApiSentinel.Collector.Specs;

/// <summary>
/// A spec path split into segments for matching. A segment is a literal (<c>pets</c>), a parameter (<c>{id}</c>),
/// or a literal with one embedded parameter (<c>{id}.json</c>, <c>v{version}</c>).
/// </summary>
/// <remarks>
/// Matching rules: trailing slashes are ignored (<c>/pets/</c> matches <c>/pets</c>); literal segments compare
/// ordinally (paths are case-sensitive, RFC 3986 §6.2.2.1) and empty segments from <c>//</c> are kept, so
/// <c>/a//b</c> does not match <c>/a/b</c>. An input segment written as a template (<c>{petId}</c>, from the
/// templater) matches only parameter segments, whatever their name. Precedence: scanning left to right, the first
/// segment where two candidates differ decides — literal beats embedded parameter beats plain parameter.
/// </remarks>
internal sealed class SpecPathPattern
{
    private readonly Segment[] _segments;

    public SpecPathPattern(string template, SpecOperation operation)
    {
        Template = template;
        Operation = operation;
        _segments = Split(template).Select(Segment.Of).ToArray();
    }

    public string Template { get; }

    public SpecOperation Operation { get; }

    public int SegmentCount => _segments.Length;

    public static string[] Split(string path)
    {
        var end = path.IndexOfAny(['?', '#']);
        var trimmed = (end < 0 ? path : path[..end]).Trim('/');
        return trimmed.Length == 0 ? [] : trimmed.Split('/');
    }

    public bool Matches(string[] inputSegments)
    {
        if (inputSegments.Length != _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < inputSegments.Length; i++)
        {
            if (!_segments[i].Matches(inputSegments[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Positive when this template is more specific than <paramref name="other"/>.</summary>
    public int CompareSpecificity(SpecPathPattern other)
    {
        for (var i = 0; i < Math.Min(_segments.Length, other._segments.Length); i++)
        {
            var difference = (int)_segments[i].Kind - (int)other._segments[i].Kind;
            if (difference != 0)
            {
                return difference;
            }
        }

        return 0;
    }

    private enum SegmentKind
    {
        Parameter = 0,
        Embedded = 1,
        Literal = 2,
    }

    private readonly record struct Segment(SegmentKind Kind, string Prefix, string Suffix)
    {
        public static Segment Of(string text)
        {
            var open = text.IndexOf('{', StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                return new Segment(SegmentKind.Literal, text, "");
            }

            var prefix = text[..open];
            var suffix = text[(close + 1)..];
            return new Segment(prefix.Length == 0 && suffix.Length == 0 ? SegmentKind.Parameter : SegmentKind.Embedded, prefix, suffix);
        }

        public bool Matches(string input)
        {
            var inputIsTemplate = input.Length > 2 && input[0] == '{' && input[^1] == '}';
            switch (Kind)
            {
                case SegmentKind.Literal:
                    return !inputIsTemplate && string.Equals(input, Prefix, StringComparison.Ordinal);
                case SegmentKind.Parameter:
                    return input.Length > 0;
                default:
                    if (inputIsTemplate)
                    {
                        return false;
                    }

                    return input.Length > Prefix.Length + Suffix.Length &&
                        input.StartsWith(Prefix, StringComparison.Ordinal) && input.EndsWith(Suffix, StringComparison.Ordinal);
            }
        }
    }
}
