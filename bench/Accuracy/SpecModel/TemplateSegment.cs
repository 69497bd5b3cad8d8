namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>One segment of a path template for routing by OpenAPI's rule: <see cref="Kind"/> 2 is a literal, 1 a
/// parameter inside a segment (<c>{name}.json</c>), 0 a whole-segment parameter; a higher kind is more specific.</summary>
internal readonly record struct TemplateSegment(int Kind, string Prefix, string Suffix)
{
    public static TemplateSegment Of(string text)
    {
        var open = text.IndexOf('{', StringComparison.Ordinal);
        var close = text.LastIndexOf('}');
        if (open < 0 || close < open)
        {
            return new TemplateSegment(2, text, "");
        }
        var prefix = text[..open];
        var suffix = text[(close + 1)..];
        return new TemplateSegment(prefix.Length + suffix.Length == 0 ? 0 : 1, prefix, suffix);
    }

    public bool Matches(string input) => Kind switch
    {
        2 => input == Prefix,
        0 => input.Length > 0,
        _ => input.Length > Prefix.Length + Suffix.Length && input.StartsWith(Prefix, StringComparison.Ordinal) && input.EndsWith(Suffix, StringComparison.Ordinal),
    };

    /// <summary>Positive where <paramref name="a"/> is the more specific template (first difference from the left).</summary>
    public static int Compare(TemplateSegment[] a, TemplateSegment[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            if (a[i].Kind != b[i].Kind)
            {
                return a[i].Kind - b[i].Kind;
            }
        }
        return 0;
    }
}
