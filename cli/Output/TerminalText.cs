namespace ApiSentinel.Cli.Output;

/// <summary>
/// Text from the wire made fit for a terminal column: control characters (escape sequences could drive the
/// terminal) become '?', and text longer than the column is cut with an ellipsis. Shared by every table output.
/// </summary>
internal static class TerminalText
{
    public static string Cut(string? text, int width)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "-";
        }
        var clean = string.Create(text.Length, text, (span, t) =>
        {
            for (var i = 0; i < t.Length; i++)
            {
                span[i] = char.IsControl(t[i]) ? '?' : t[i];
            }
        });
        return clean.Length <= width ? clean : string.Concat(clean.AsSpan(0, width - 1), "…");
    }
}
