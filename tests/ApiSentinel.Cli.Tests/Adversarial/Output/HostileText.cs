using System.Text;

namespace ApiSentinel.Cli.Tests.Adversarial.Output;

/// <summary>
/// Seeded generator of text a hostile client can put wherever the wire's text reaches an output: C0 controls
/// and DEL, C1 controls (NEL U+0085 among them), bidi embeddings/overrides/isolates and marks, zero-width and
/// invisible characters, line and paragraph separators, BOM, non-characters, lone surrogates, astral format
/// characters (tags), YAML and JSON indicators, words YAML reads as booleans, numbers or null, and ordinary text.
/// </summary>
internal sealed class HostileText(int seed)
{
    public static readonly string[] Classes = ["c0", "del", "c1", "bidi", "invisible", "separator", "bom", "noncharacter", "lone-surrogate", "tag", "yaml", "word", "plain"];

    private static readonly char[] Bidi = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    private static readonly char[] Invisible = ['\u200B', '\u200C', '\u200D', '\u2060', '\u00AD', '\u180E', '\u2061', '\u2064'];
    private static readonly string[] Yaml = [": ", "- ", "#", "&a", "*a", "!tag", "|", ">", "'", "\"", "%", "@", "`", "{", "}", "[", "]", ",", "? ", "---", "...", "\\", "\t"];
    private static readonly string[] Words = ["true", "false", "yes", "No", "on", "OFF", "null", "~", "0x1F", "1e3", "012", "-.inf", ".NaN", "2026-11-22"];
    private readonly Random _random = new(seed);

    public string Next(int parts = 6)
    {
        var text = new StringBuilder();
        for (var i = 0; i < parts; i++)
        {
            text.Append(Of(Classes[_random.Next(Classes.Length)]));
        }
        return text.ToString();
    }

    /// <summary>A sample of one class (see <see cref="Classes"/>).</summary>
    public string Of(string kind) => kind switch
    {
        "c0" => ((char)_random.Next(0, 0x20)).ToString(),
        "del" => "\u007F",
        "c1" => ((char)_random.Next(0x80, 0xA0)).ToString(),
        "bidi" => Bidi[_random.Next(Bidi.Length)].ToString(),
        "invisible" => Invisible[_random.Next(Invisible.Length)].ToString(),
        "separator" => _random.Next(2) == 0 ? "\u2028" : "\u2029",
        "bom" => "\uFEFF",
        "noncharacter" => _random.Next(2) == 0 ? "\uFFFE" : "\uFFFF",
        "lone-surrogate" => ((char)_random.Next(0xD800, 0xE000)).ToString(),
        "tag" => char.ConvertFromUtf32(_random.Next(0xE0001, 0xE0080)),
        "yaml" => Yaml[_random.Next(Yaml.Length)],
        "word" => Words[_random.Next(Words.Length)],
        "plain" => _random.Next(3) switch { 0 => "api", 1 => "é/ü", _ => "😀x" },
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>What a correct YAML or JSON writer's output parses back to: lone surrogates cannot be encoded and become U+FFFD.</summary>
    public static string AsEncodable(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(text[i]).Append(text[++i]);
            }
            else
            {
                builder.Append(char.IsSurrogate(text[i]) ? '\uFFFD' : text[i]);
            }
        }
        return builder.ToString();
    }

    /// <summary>Fails naming the first character that is not shown as itself.</summary>
    public static void AssertSafe(string line)
    {
        if (HasUnsafe(line, out var at))
        {
            Assert.Fail($"raw U+{(int)line[at]:X4} at {at} in: {line}");
        }
    }

    /// <summary>Whether a human-readable line holds anything that is not shown as itself (the rule TerminalText enforces).</summary>
    public static bool HasUnsafe(string text, out int index)
    {
        for (index = 0; index < text.Length; index++)
        {
            var ch = text[index];
            if (char.IsHighSurrogate(ch) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]))
            {
                var category = System.Globalization.CharUnicodeInfo.GetUnicodeCategory(char.ConvertToUtf32(ch, text[index + 1]));
                if (category is System.Globalization.UnicodeCategory.Format)
                {
                    return true;
                }
                index++;
                continue;
            }
            if (char.IsSurrogate(ch) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(ch) is System.Globalization.UnicodeCategory.Control
                or System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator or System.Globalization.UnicodeCategory.ParagraphSeparator)
            {
                return true;
            }
        }
        return false;
    }
}
