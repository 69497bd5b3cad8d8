using System.Text;

namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>JSON pointers as URI fragments (<c>#/paths/~1a~1{y}</c>), the location format of every spec warning.</summary>
internal static class JsonPointer
{
    public static string Of(IEnumerable<string> tokens)
    {
        var builder = new StringBuilder("#");
        foreach (var token in tokens)
        {
            builder.Append('/').Append(EscapeToken(token));
        }

        return builder.Length == 1 ? "#/" : builder.ToString();
    }

    public static string Append(string pointer, string token) =>
        (pointer == "#/" ? "#" : pointer) + "/" + EscapeToken(token);

    public static string EscapeToken(string token) =>
        token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
