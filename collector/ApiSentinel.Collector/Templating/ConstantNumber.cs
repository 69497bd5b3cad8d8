namespace ApiSentinel.Collector.Templating;

/// <summary>
/// A small number that is the only value a position ever held: an API version or fixed path part written as a bare
/// number (<c>/jira/rest/api/2/issue</c>, <c>/admin/v/4/…</c>, <c>/par/…/1/0/get…</c>), not an identifier. Identifiers
/// of the traffic keep changing; four calls that all carry the same one- or two-digit number, below a literal that is
/// not a plural collection name, are a literal (dev partition, seed 1: one spec of 324 operations was wholly
/// mis-templated as <c>/jira/rest/api/{id}/…</c>). Below a collection (<c>/projects/7</c>) the number stays an
/// identifier: one tenant's id seen many times is still an id. Only numbers below 100 are kept, so the trie never
/// stores an identifier's value.
/// </summary>
internal static class ConstantNumber
{
    /// <summary>No identifier recorded yet.</summary>
    public const int None = -1;

    /// <summary>Two different identifiers, or one that is not a small number.</summary>
    public const int Several = -2;

    public const int Max = 99;

    /// <summary>Calls that must all carry the number before it is a literal: fresh ids repeat far less.</summary>
    public const int MinCalls = 4;

    /// <summary>The segment as a number 0–99 written without a leading zero, else <see cref="Several"/>.</summary>
    public static int Parse(ReadOnlySpan<char> segment) => segment switch
    {
        [char c] when char.IsAsciiDigit(c) => c - '0',
        [char c, char d] when c is >= '1' and <= '9' && char.IsAsciiDigit(d) => ((c - '0') * 10) + (d - '0'),
        _ => Several,
    };

    /// <summary>
    /// The literal text of a values child group that only ever held one small number over at least
    /// <see cref="MinCalls"/> calls, else null.
    /// </summary>
    public static string? Literal(List<ObservedNode> values, ValueClass classes)
    {
        if (values.Count == 0 || classes != ValueClass.Digits)
        {
            return null;
        }

        int number = values[0].SoleNumber;
        long calls = 0;
        foreach (var node in values)
        {
            if (node.SoleNumber != number)
            {
                return null;
            }

            calls += node.Count;
        }

        return number >= 0 && calls >= MinCalls ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
