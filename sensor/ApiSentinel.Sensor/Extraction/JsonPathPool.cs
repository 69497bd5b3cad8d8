namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Builds JSON field paths (<c>$.user.id</c>, <c>$.items[*].sku</c>) once per distinct path and hands out the
/// shared string afterwards: every response of an endpoint has the same fields, so the walk costs lookups, not
/// string building. Keys are (parent path, segment) pairs of shared strings. Bounded.
/// </summary>
internal sealed class JsonPathPool
{
    public const int Capacity = 32768;
    private const string ArrayElement = "[*]";

    private readonly Dictionary<(string Parent, string Segment), string> _children = new(ReferencePairComparer.Instance);
    private readonly Dictionary<(string Prefix, string Path), string> _locations = new(ReferencePairComparer.Instance);

    /// <summary>Longest property name kept in a path; longer ones (generated keys, attacks) become <c>{long}</c>.</summary>
    public const int MaxSegmentLength = 128;

    /// <summary>Longest path extended; deeper fields are reported at their ancestor at this depth.</summary>
    public const int MaxPathLength = 1024;

    private const string LongSegment = Placeholders.Long;

    /// <param name="segment">A property name, or null for an array element.</param>
    /// <remarks>
    /// Both bounds matter: the pool bounds the number of paths, and without a bound on their length a body
    /// nested 60 deep with 1000-character keys made 3.7 MB of path strings from 60 KB of input.
    /// </remarks>
    public string Child(string parent, string? segment)
    {
        if (parent.Length >= MaxPathLength)
        {
            return parent;
        }
        if (segment is not null && segment.Length > MaxSegmentLength)
        {
            segment = LongSegment;
        }
        var key = (parent, segment ?? ArrayElement);
        if (_children.TryGetValue(key, out var path))
        {
            return path;
        }
        path = segment is null ? parent + ArrayElement : parent + "." + segment;
        if (_children.Count < Capacity)
        {
            _children[key] = path;
        }
        return path;
    }

    /// <summary>A finding's location: <c>response.body.$.user.ssn</c>.</summary>
    public string Location(string prefix, string path)
    {
        if (_locations.TryGetValue((prefix, path), out var location))
        {
            return location;
        }
        location = prefix + "." + path;
        if (_locations.Count < Capacity)
        {
            _locations[(prefix, path)] = location;
        }
        return location;
    }
}
