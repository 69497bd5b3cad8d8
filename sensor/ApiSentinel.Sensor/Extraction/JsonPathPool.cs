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

    /// <param name="segment">A property name, or null for an array element.</param>
    public string Child(string parent, string? segment)
    {
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
