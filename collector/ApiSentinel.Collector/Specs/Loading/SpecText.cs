using System.Globalization;
using System.Text;

namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>
/// Makes text taken from a spec document (keys, pointers, parser messages that quote the input) safe to put in a
/// one-line message: control characters, line and paragraph separators, bidi controls, invisible format
/// characters and unpaired surrogates become <c>\uXXXX</c>, and long text is cut. A crafted spec must not be able
/// to drive a terminal, split a log line or hide text, whichever output the message ends up in.
/// </summary>
public static class SpecText
{
    /// <summary>Longest quoted fragment; a pointer into a real document is far shorter.</summary>
    public const int MaxQuotedChars = 160;

    public static string Escape(string? text, int maxChars = MaxQuotedChars)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        StringBuilder? builder = null;
        var limit = Math.Min(text.Length, maxChars);
        for (var i = 0; i < limit; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (paired)
            {
                builder?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (!NeedsEscape(c))
            {
                builder?.Append(c);
                continue;
            }

            builder ??= new StringBuilder(text, 0, i, limit + 16);
            builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }

        var result = builder?.ToString() ?? (limit == text.Length ? text : text[..limit]);
        return limit < text.Length ? result + "…" : result;
    }

    private static bool NeedsEscape(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) ||
        CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
