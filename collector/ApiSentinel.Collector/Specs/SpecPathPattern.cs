namespace ApiSentinel.Collector.Specs;

/// <summary>
/// A spec path split into segments for matching. A segment is a literal (<c>pets</c>), a parameter (<c>{id}</c>),
/// or literal text around placeholders (<c>{id}.json</c>, <c>v{version}</c>, <c>{sha}.{diffType}</c>): see
/// <see cref="SpecSegmentPattern"/>.
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
    private readonly SpecSegmentPattern[] _segments;

    public SpecPathPattern(string template, SpecOperation operation)
    {
        Template = template;
        Operation = operation;
        _segments = Split(template).Select(SpecSegmentPattern.Parse).ToArray();
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

            // Two embedded patterns: more fixed characters is more specific ({name}.tar.gz over {name}.gz).
            if (_segments[i].Kind == SpecSegmentKind.Embedded && _segments[i].FixedLength != other._segments[i].FixedLength)
            {
                return _segments[i].FixedLength - other._segments[i].FixedLength;
            }
        }

        return 0;
    }
}
