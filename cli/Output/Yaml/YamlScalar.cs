using System.Globalization;
using System.Text;
using ApiSentinel.Collector.Reports;

namespace ApiSentinel.Cli.Output.Yaml;

/// <summary>
/// Scalars for the YAML the CLI writes. Every string is a double-quoted scalar — the only YAML style in which
/// any text can be written, because it has escapes — and every character outside YAML's printable set, or
/// invisible, or able to reorder or break a line, is escaped: C0 controls and DEL (<c>\e</c>, <c>\x7F</c>), C1
/// controls (<c>\N</c> for NEL, which plain and folded scalars take as a line break), U+2028/U+2029
/// (<c>\L</c>, <c>\P</c>), the BOM and every other format character (bidi controls, zero-width characters),
/// and U+FFFE/U+FFFF. So a value from the wire never makes the stream unparsable, never starts a new key or
/// document, and never writes an escape sequence to a terminal someone <c>cat</c>s the manifests to. The value
/// parses back to exactly the same string — except a lone surrogate, which is not a character, cannot be
/// encoded in a UTF-8 stream and is written as U+FFFD (what any decoder would make of it).
/// </summary>
internal static class YamlScalar
{
    // YAML 1.1 words a plain scalar would turn into booleans or null (kubectl's decoder is YAML 1.1-based).
    private static readonly HashSet<string> SpecialWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~",
    };

    /// <summary>A string as a double-quoted scalar.</summary>
    public static string Quoted(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            var codePoint = UnsafeText.CodePointAt(value, i, out var length);
            if (length == 2)
            {
                if (UnsafeText.IsUnsafe(codePoint))
                {
                    builder.Append(CultureInfo.InvariantCulture, $"\\U{codePoint:X8}");
                }
                else
                {
                    builder.Append(value, i, 2);
                }
                i++;
                continue;
            }
            switch (ch)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\0': builder.Append("\\0"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\v': builder.Append("\\v"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                case '\u001B': builder.Append("\\e"); break;
                case '\u0085': builder.Append("\\N"); break;
                case '\u2028': builder.Append("\\L"); break;
                case '\u2029': builder.Append("\\P"); break;
                default:
                    if (ch is >= ' ' and < '\u007F')
                    {
                        builder.Append(ch);
                    }
                    else if (codePoint == UnsafeText.LoneSurrogate)
                    {
                        builder.Append("\\uFFFD");
                    }
                    else if (ch < '\u00A0')
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\x{(int)ch:X2}"); // DEL and C1
                    }
                    else if (ch is '\uFFFE' or '\uFFFF' || UnsafeText.IsUnsafe(ch))
                    {
                        builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)ch:X4}");
                    }
                    else
                    {
                        builder.Append(ch);
                    }
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>
    /// A mapping key: plain when it is an identifier-like word no YAML reader could take for anything but that
    /// string (<c>apiVersion</c>, <c>apisentinel.io/risk</c>), otherwise quoted (<c>"200"</c>, <c>"on"</c>).
    /// </summary>
    public static string Key(string key) => IsPlainWord(key) ? key : Quoted(key);

    private static bool IsPlainWord(string text)
    {
        if (text.Length == 0 || !char.IsAsciiLetter(text[0]) || SpecialWords.Contains(text))
        {
            return false;
        }
        foreach (var ch in text)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch is not ('-' or '_' or '.' or '/'))
            {
                return false;
            }
        }
        return true;
    }
}
