using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace ApiSentinel.Collector.Reports;

/// <summary>
/// Strings into JSON output. The relaxed encoder keeps targets readable (<c>&amp;</c> stays <c>&amp;</c>) and
/// escapes quotes, backslashes and controls — but it writes format characters (bidi overrides and isolates,
/// zero-width characters, BOM) and astral tag characters raw, so a <c>jq</c> or <c>cat</c> of the output would
/// reorder or hide text. A string holding any character the CLI's TerminalText would escape (an <see cref="UnsafeText"/> one) is therefore
/// encoded strictly: every such character as <c>\uXXXX</c>, and a lone surrogate (not encodable in UTF-8) as
/// U+FFFD. Ordinary strings take the fast path unchanged.
/// </summary>
public static class JsonText
{
    public static JavaScriptEncoder Relaxed => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly JavaScriptEncoder Strict = CreateStrict();

    public static void WriteString(Utf8JsonWriter json, string name, string? value)
    {
        json.WritePropertyName(name);
        WriteStringValue(json, value);
    }

    public static void WriteString(Utf8JsonWriter json, ReadOnlySpan<byte> name, string? value)
    {
        json.WritePropertyName(name);
        WriteStringValue(json, value);
    }

    public static void WriteStringValue(Utf8JsonWriter json, string? value)
    {
        if (value is null)
        {
            json.WriteNullValue();
        }
        else if (UnsafeText.IndexOfUnsafe(value) < 0)
        {
            json.WriteStringValue(value);
        }
        else
        {
            json.WriteStringValue(JsonEncodedText.Encode(Encodable(value), Strict));
        }
    }

    /// <summary>Lone surrogates replaced by U+FFFD, which is what any UTF-8 decoder makes of them.</summary>
    private static string Encodable(string value)
    {
        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length;)
        {
            if (UnsafeText.CodePointAt(value, i, out var length) == UnsafeText.LoneSurrogate)
            {
                builder.Append('\uFFFD');
            }
            else
            {
                builder.Append(value, i, length);
            }
            i += length;
        }
        return builder.ToString();
    }

    /// <summary>All of Unicode allowed except what is not shown as itself (the encoders always escape astral code points).</summary>
    private static JavaScriptEncoder CreateStrict()
    {
        var settings = new TextEncoderSettings(UnicodeRanges.All);
        var forbidden = new List<char>();
        for (var c = 0; c <= 0xFFFF; c++)
        {
            if (!char.IsSurrogate((char)c) && UnsafeText.IsUnsafe(c))
            {
                forbidden.Add((char)c);
            }
        }
        settings.ForbidCharacters([.. forbidden]);
        return JavaScriptEncoder.Create(settings);
    }
}
