using System.Globalization;

namespace ApiSentinel.Collector.Reports;

/// <summary>
/// The one home of which text is not shown as itself, for every writer (the CLI's TerminalText,
/// <see cref="JsonText"/>, and YamlScalar): code points of the Unicode categories Control,
/// Format, LineSeparator and ParagraphSeparator (escape sequences, bidi overrides, zero-width characters, BOM,
/// astral tags, U+2028/U+2029), and lone surrogates, which are no text at all. Each writer decides only how it
/// escapes them.
/// </summary>
public static class UnsafeText
{
    /// <summary>A lone surrogate: <see cref="CodePointAt"/>'s result for a half of a pair without its other half.</summary>
    public const int LoneSurrogate = -1;

    /// <summary>Whether <paramref name="codePoint"/> is shown as something other than itself, or not at all.</summary>
    public static bool IsUnsafe(int codePoint) =>
        codePoint is < ' ' or >= 0x7F && // printable ASCII, the common case, without a table lookup
        CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    /// <summary>
    /// The code point that starts at <paramref name="index"/> and its length in chars (2 for a surrogate pair),
    /// or <see cref="LoneSurrogate"/> (length 1) for half a pair.
    /// </summary>
    public static int CodePointAt(ReadOnlySpan<char> text, int index, out int length)
    {
        var ch = text[index];
        if (char.IsHighSurrogate(ch) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
        {
            length = 2;
            return char.ConvertToUtf32(ch, text[index + 1]);
        }
        length = 1;
        return char.IsSurrogate(ch) ? LoneSurrogate : ch;
    }

    /// <summary>Index of the first unsafe code point or lone surrogate, or -1 when all of the text is shown as itself.</summary>
    public static int IndexOfUnsafe(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (text[i] is >= ' ' and < '\u007F')
            {
                i++;
                continue;
            }
            var codePoint = CodePointAt(text, i, out var length);
            if (codePoint == LoneSurrogate || IsUnsafe(codePoint))
            {
                return i;
            }
            i += length;
        }
        return -1;
    }
}
