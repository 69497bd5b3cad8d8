using System.Text;

namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>
/// Rewrites the RE2 constructs whose meaning .NET changes: <c>$</c> (outside multiline mode) is the end of the text
/// in RE2 but also matches before a final <c>\n</c> in .NET, so it becomes <c>\z</c>; <c>\d</c>, <c>\w</c>, <c>\s</c>
/// (and their negations) are ASCII classes in RE2 but Unicode in .NET, so they become explicit ASCII sets. Escapes,
/// character classes and the rest pass through unchanged.
/// </summary>
internal static class Re2Translation
{
    private const string Digit = "0-9";
    private const string Word = "0-9A-Za-z_";
    private const string Space = @"\t\n\f\r ";

    public static string ToDotNet(string pattern)
    {
        var multiline = HasMultilineFlag(pattern);
        var sb = new StringBuilder(pattern.Length + 16);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[++i];
                sb.Append(inClass ? InClass(next) : OutsideClass(next));
                continue;
            }
            if (inClass)
            {
                if (c == ']')
                {
                    inClass = false;
                }
                sb.Append(c);
                continue;
            }
            switch (c)
            {
                case '[':
                    inClass = true;
                    sb.Append(c);
                    // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                    {
                        sb.Append(pattern[++i]);
                    }
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                    {
                        sb.Append(pattern[++i]);
                    }
                    break;
                case '$' when !multiline:
                    sb.Append(@"\z");
                    break;
                default:
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    private static string OutsideClass(char escaped) => escaped switch
    {
        'd' => $"[{Digit}]",
        'D' => $"[^{Digit}]",
        'w' => $"[{Word}]",
        'W' => $"[^{Word}]",
        's' => $"[{Space}]",
        'S' => $"[^{Space}]",
        _ => "\\" + escaped,
    };

    // Inside a class only the positive sets can be spelled out; a negated one inside a class keeps .NET's meaning.
    private static string InClass(char escaped) => escaped switch
    {
        'd' => Digit,
        'w' => Word,
        's' => Space,
        _ => "\\" + escaped,
    };

    // (?m) or (?im:…) and the like: '$' is then end of line in both engines.
    private static bool HasMultilineFlag(string pattern)
    {
        for (var i = pattern.IndexOf("(?", StringComparison.Ordinal); i >= 0; i = pattern.IndexOf("(?", i + 2, StringComparison.Ordinal))
        {
            for (var j = i + 2; j < pattern.Length && (char.IsAsciiLetter(pattern[j]) || pattern[j] == '-'); j++)
            {
                if (pattern[j] == 'm')
                {
                    return true;
                }
            }
        }
        return false;
    }
}
