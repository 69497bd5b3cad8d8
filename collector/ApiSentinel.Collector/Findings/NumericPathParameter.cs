namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Reads the numeric values a concrete path holds in its template's parameter positions:
/// <c>/users/{userId}/orders/{orderId}</c> against <c>/users/42/orders/7</c> yields (1, 42) and (3, 7), keyed by
/// segment position. Only plain decimal ids count (a REDACTED or UUID segment is not an enumerable id); a path
/// whose shape differs from its template yields nothing.
/// </summary>
internal static class NumericPathParameter
{
    /// <summary>Longest digit run accepted; 18 digits always fit a <see cref="long"/>.</summary>
    private const int MaxDigits = 18;

    public static int Extract(string template, string path, Span<(int Position, long Id)> found)
    {
        if (template.IndexOf('{', StringComparison.Ordinal) < 0)
        {
            return 0;
        }

        var templateRest = template.AsSpan();
        var pathRest = path.AsSpan();
        var position = 0;
        var count = 0;
        while (true)
        {
            var templateSegment = NextSegment(ref templateRest, out var templateDone);
            var pathSegment = NextSegment(ref pathRest, out var pathDone);
            if (templateSegment.Length > 1 && templateSegment[0] == '{' && templateSegment[^1] == '}' &&
                TryParseId(pathSegment, out var id) && count < found.Length)
            {
                found[count++] = (position, id);
            }

            if (templateDone || pathDone)
            {
                // Different segment counts: the template does not describe this path.
                return templateDone && pathDone ? count : 0;
            }

            position++;
        }
    }

    private static ReadOnlySpan<char> NextSegment(ref ReadOnlySpan<char> rest, out bool last)
    {
        var slash = rest.IndexOf('/');
        if (slash < 0)
        {
            var segment = rest;
            rest = default;
            last = true;
            return segment;
        }

        var head = rest[..slash];
        rest = rest[(slash + 1)..];
        last = false;
        return head;
    }

    private static bool TryParseId(ReadOnlySpan<char> segment, out long id)
    {
        id = 0;
        if (segment.IsEmpty || segment.Length > MaxDigits)
        {
            return false;
        }

        foreach (var c in segment)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            id = (id * 10) + (c - '0');
        }

        return true;
    }
}
