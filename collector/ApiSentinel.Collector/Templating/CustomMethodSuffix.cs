namespace ApiSentinel.Collector.Templating;

/// <summary>
/// A custom method appended to a segment (Google's AIP-136 style: <c>/v1/{name}:cancel</c>,
/// <c>/v1/{resource}:getIamPolicy</c>, <c>/v1/projects:search</c>). The templater treats the suffix as a part of its
/// own, a literal child attached to the segment without a slash, so <c>/v1/jobs-9:cancel</c> and
/// <c>/v1/projects-12:cancel</c> share a stem position and one template <c>/v1/{name}:cancel</c> instead of being two
/// unrelated words (dev partition of the real-spec bench: custom methods inside one segment were the largest share of
/// the extra templates at the first resource position). The suffix is a lower-camel-case verb — letters and digits,
/// starting with a lower-case letter — after the last colon, with a non-empty stem: times (<c>10:30</c>), IPv6
/// addresses (<c>fe80::1</c>) and URNs ending in a number stay whole segments.
/// </summary>
internal static class CustomMethodSuffix
{
    /// <summary>The index of the suffix's colon in <paramref name="segment"/>, or -1 when it has none.</summary>
    public static int Find(ReadOnlySpan<char> segment)
    {
        int colon = segment.LastIndexOf(':');
        if (colon <= 0 || colon + 2 > segment.Length || segment[colon - 1] == ':' || !char.IsAsciiLetterLower(segment[colon + 1]))
        {
            return -1;
        }

        foreach (char c in segment[(colon + 1)..])
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return -1;
            }
        }

        return colon;
    }

    /// <summary>Whether a template part is an attached suffix (rendered without a slash before it).</summary>
    public static bool IsSuffix(ReadOnlySpan<char> part) => part.Length >= 2 && part[0] == ':';

    /// <summary>
    /// Splits a path into its templating parts: segments, with a custom-method suffix as a part of its own. Returns
    /// the number of parts, or -1 when <paramref name="destination"/> is too small.
    /// </summary>
    public static int SplitParts(ReadOnlySpan<char> path, Span<Range> destination) =>
        PathSegments.Split(path, destination, customMethods: true);

    public static Range[] SplitPartsToArray(ReadOnlySpan<char> path)
    {
        var ranges = new Range[path.Length + 1];
        int count = SplitParts(path, ranges);
        return ranges[..count];
    }
}
