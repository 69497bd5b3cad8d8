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

    /// <summary>
    /// What a correct YAML or JSON writer's output parses back to: the text through a UTF-8 round trip, whose
    /// replacement fallback turns each lone surrogate into U+FFFD (the encoder's rule, not the writers' code).
    /// </summary>
    public static string AsEncodable(string text) => new UTF8Encoding(false, false).GetString(new UTF8Encoding(false, false).GetBytes(text));

    /// <summary>Fails naming the first character that is not shown as itself.</summary>
    public static void AssertSafe(string line)
    {
        if (HasUnsafe(line, out var at))
        {
            Assert.Fail($"raw U+{(int)line[at]:X4} at {at} in: {line}");
        }
    }

    /// <summary>
    /// Whether a human-readable line holds anything that is not shown as itself, decided independently of the
    /// writers: the text is decoded as runes (a lone surrogate does not decode), and the unsafe set is the code
    /// points whose general category is Cc, Cf, Zl or Zp, taken as category names from <see cref="Rune"/>.
    /// </summary>
    public static bool HasUnsafe(string text, out int index)
    {
        var rest = text.AsSpan();
        index = 0;
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done ||
                UnsafeCategories.Contains(Rune.GetUnicodeCategory(rune).ToString()))
            {
                return true;
            }
            rest = rest[consumed..];
            index += consumed;
        }
        return false;
    }

    private static readonly HashSet<string> UnsafeCategories = ["Control", "Format", "LineSeparator", "ParagraphSeparator"];
}
