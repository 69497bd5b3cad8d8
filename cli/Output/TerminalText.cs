using System.Globalization;
using System.Text;
using ApiSentinel.Collector.Reports;

namespace ApiSentinel.Cli.Output;

/// <summary>
/// Text that a person reads (both tables, the stderr summary, error lines, progress): every character that is
/// not shown as itself (the rule lives in <see cref="UnsafeText"/>) is shown as a visible escape instead — <c>\u202E</c>, <c>\u001B</c>.
/// That covers controls (C0, DEL, C1 incl. NEL — escape sequences drive terminals), format characters (bidi
/// embeddings, overrides and isolates, U+200E/F, U+061C: U+202E makes <c>/files/‮gnp.exe</c> display as
/// <c>exe.png</c>; zero-width U+200B–U+200D, U+2060, BOM U+FEFF, soft hyphen U+00AD: invisible), line and
/// paragraph separators U+2028/U+2029 (they break a line like '\n'), and lone surrogates (not text at all; an
/// encoder would turn them into '?' and hide that something was there). What remains prints as one line that
/// looks like what it is.
/// </summary>
internal static class TerminalText
{
    /// <summary>Text fit for a terminal: see the class comment. Returns the same instance when nothing needs escaping.</summary>
    public static string Neutralise(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }
        var first = UnsafeText.IndexOfUnsafe(text);
        if (first < 0)
        {
            return text;
        }
        var builder = new StringBuilder(text.Length + 16);
        builder.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var codePoint = UnsafeText.CodePointAt(text, i, out var length);
            if (codePoint == UnsafeText.LoneSurrogate)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)text[i]:X4}");
            }
            else if (!UnsafeText.IsUnsafe(codePoint))
            {
                builder.Append(text, i, length);
            }
            else if (length == 2)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\U{codePoint:X8}"); // tag characters, U+E0001…
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{codePoint:X4}");
            }
            i += length - 1;
        }
        return builder.ToString();
    }

    /// <summary>
    /// A table cell: neutralised, and cut with an ellipsis to at most <paramref name="width"/> characters (never
    /// between the halves of a surrogate pair). Empty text is shown as <c>-</c>.
    /// </summary>
    public static string Cut(string? text, int width)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "-";
        }
        var clean = Neutralise(text);
        if (clean.Length <= width)
        {
            return clean;
        }
        var keep = width - 1;
        if (keep > 0 && char.IsHighSurrogate(clean[keep - 1]))
        {
            keep--;
        }
        return string.Concat(clean.AsSpan(0, Math.Max(keep, 0)), "…");
    }

    /// <summary>Whether <paramref name="text"/> holds anything <see cref="Neutralise"/> would escape.</summary>
    public static bool IsSafe(string text) => UnsafeText.IndexOfUnsafe(text) < 0;
}
