using System.Text;

namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>
/// kube's escaping of property names that are not CEL identifiers: <c>x-y</c> is <c>self.x__dash__y</c>,
/// <c>a.b</c> is <c>a__dot__b</c>, a reserved word such as <c>namespace</c> is <c>__namespace__</c>.
/// </summary>
internal static class CelNames
{
    private static readonly HashSet<string> Reserved = new(StringComparer.Ordinal)
    {
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
        "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
    };

    /// <summary>The property name an identifier in a rule refers to.</summary>
    public static string Unescape(string identifier)
    {
        if (identifier.Length > 4 && identifier.StartsWith("__", StringComparison.Ordinal) && identifier.EndsWith("__", StringComparison.Ordinal)
            && Reserved.Contains(identifier[2..^2]))
        {
            return identifier[2..^2];
        }
        if (!identifier.Contains("__", StringComparison.Ordinal))
        {
            return identifier;
        }
        var sb = new StringBuilder(identifier.Length);
        for (var i = 0; i < identifier.Length;)
        {
            if (Match(identifier, i, "__underscores__", "__", sb, ref i)
                || Match(identifier, i, "__dot__", ".", sb, ref i)
                || Match(identifier, i, "__dash__", "-", sb, ref i)
                || Match(identifier, i, "__slash__", "/", sb, ref i))
            {
                continue;
            }
            sb.Append(identifier[i++]);
        }
        return sb.ToString();
    }

    private static bool Match(string text, int at, string escape, string replacement, StringBuilder sb, ref int next)
    {
        if (string.CompareOrdinal(text, at, escape, 0, escape.Length) != 0)
        {
            return false;
        }
        sb.Append(replacement);
        next = at + escape.Length;
        return true;
    }
}
