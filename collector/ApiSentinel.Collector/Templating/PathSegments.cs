namespace ApiSentinel.Collector.Templating;

/// <summary>
/// Splits a path into its non-empty segments as ranges, without allocating. Empty segments (<c>//</c>, a trailing
/// slash) are ignored: <c>/users/1/</c> and <c>/users/1</c> are the same endpoint for the catalog.
/// </summary>
internal static class PathSegments
{
    /// <summary>Stack buffer size for the common case; deeper paths take the allocating path.</summary>
    public const int StackCapacity = 32;

    /// <summary>Returns the number of segments, or -1 when <paramref name="destination"/> is too small.</summary>
    public static int Split(ReadOnlySpan<char> path, Span<Range> destination) => Split(path, destination, customMethods: false);

    /// <summary>
    /// The one segment scan: with <paramref name="customMethods"/>, a segment's custom-method suffix
    /// (<see cref="CustomMethodSuffix"/>) is a range of its own after its stem. Returns the number of ranges, or -1
    /// when <paramref name="destination"/> is too small.
    /// </summary>
    internal static int Split(ReadOnlySpan<char> path, Span<Range> destination, bool customMethods)
    {
        int count = 0;
        int start = 0;
        for (int i = 0; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                continue;
            }

            if (i > start)
            {
                int colon = customMethods ? CustomMethodSuffix.Find(path[start..i]) : -1;
                if (count + (colon < 0 ? 1 : 2) > destination.Length)
                {
                    return -1;
                }

                if (colon < 0)
                {
                    destination[count++] = new Range(start, i);
                }
                else
                {
                    destination[count++] = new Range(start, start + colon);
                    destination[count++] = new Range(start + colon, i);
                }
            }

            start = i + 1;
        }

        return count;
    }

    public static Range[] SplitToArray(ReadOnlySpan<char> path)
    {
        var ranges = new Range[(path.Length / 2) + 1];
        int count = Split(path, ranges);
        return ranges[..count];
    }

    /// <summary>A whole-segment placeholder from a template (<c>{userId}</c>).</summary>
    public static bool IsPlaceholder(ReadOnlySpan<char> segment) =>
        segment.Length >= 2 && segment[0] == '{' && segment[^1] == '}';
}
