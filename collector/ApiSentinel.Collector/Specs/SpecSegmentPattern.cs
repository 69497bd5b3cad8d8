namespace ApiSentinel.Collector.Specs;

/// <summary>
/// One segment of a spec path: a literal (<c>pets</c>), a whole-segment placeholder (<c>{id}</c>), or literal text
/// around one or more placeholders (<c>{name}:cancel</c>, <c>v{major}</c>, <c>{sha}.{diffType}</c>). Shared by
/// <see cref="SpecPathPattern"/> (which operation) and the templater's spec trie (which template), so both agree.
/// </summary>
/// <remarks>
/// An embedded pattern matches when the input starts with the text before the first placeholder, ends with the text
/// after the last, contains the texts between placeholders in order, and leaves at least one character for each
/// placeholder. A whole-segment template placeholder as input (<c>{id}</c>, from the templater) stands for any value,
/// so it fits only a whole-segment placeholder. Among embedded patterns the one with more fixed characters is the
/// more specific (<c>{name}.tar.gz</c> before <c>{name}.gz</c>).
/// </remarks>
internal sealed class SpecSegmentPattern
{
    private readonly string[] _pieces;

    private SpecSegmentPattern(SpecSegmentKind kind, string text, string[] pieces)
    {
        Kind = kind;
        Text = text;
        _pieces = pieces;
        FixedLength = pieces.Sum(p => p.Length);
    }

    public SpecSegmentKind Kind { get; }

    /// <summary>The segment as the spec writes it.</summary>
    public string Text { get; }

    /// <summary>Characters outside placeholders (for literals: the whole text).</summary>
    public int FixedLength { get; }

    /// <summary>The segment with every placeholder written <c>{}</c>: equal shapes match the same inputs.</summary>
    public string Shape => string.Join("{}", _pieces);

    /// <summary>Text before the first placeholder.</summary>
    public string Prefix => _pieces[0];

    /// <summary>Text after the last placeholder.</summary>
    public string Suffix => _pieces[^1];

    public static SpecSegmentPattern Parse(string text)
    {
        var pieces = new List<string>();
        var start = 0;
        var placeholders = 0;
        while (true)
        {
            var open = text.IndexOf('{', start);
            var close = open < 0 ? -1 : text.IndexOf('}', open + 1);
            if (open < 0 || close < 0)
            {
                break;
            }

            pieces.Add(text[start..open]);
            placeholders++;
            start = close + 1;
        }

        pieces.Add(text[start..]);
        if (placeholders == 0)
        {
            return new SpecSegmentPattern(SpecSegmentKind.Literal, text, [text]);
        }

        var whole = placeholders == 1 && pieces[0].Length == 0 && pieces[1].Length == 0;
        return new SpecSegmentPattern(whole ? SpecSegmentKind.Parameter : SpecSegmentKind.Embedded, text, [.. pieces]);
    }

    /// <summary>A whole-segment template placeholder (<c>{userId}</c>), as the templater writes parameters.</summary>
    public static bool IsTemplatePlaceholder(ReadOnlySpan<char> segment) =>
        segment.Length > 2 && segment[0] == '{' && segment[^1] == '}' && segment[1..].IndexOf('{') < 0;

    public bool Matches(ReadOnlySpan<char> input)
    {
        switch (Kind)
        {
            case SpecSegmentKind.Literal:
                return input.SequenceEqual(Text);
            case SpecSegmentKind.Parameter:
                return input.Length > 0;
        }

        if (IsTemplatePlaceholder(input))
        {
            return false;
        }

        var placeholders = _pieces.Length - 1;
        if (input.Length < FixedLength + placeholders || !input.StartsWith(Prefix, StringComparison.Ordinal) || !input.EndsWith(Suffix, StringComparison.Ordinal))
        {
            return false;
        }

        // Left to right, each middle text after at least one character of the placeholder before it.
        var rest = input[Prefix.Length..^Suffix.Length];
        for (var i = 1; i < _pieces.Length - 1; i++)
        {
            var middle = _pieces[i];
            var at = rest.Length > 1 ? rest[1..].IndexOf(middle, StringComparison.Ordinal) : -1;
            if (at < 0)
            {
                return false;
            }

            rest = rest[(at + 1 + middle.Length)..];
        }

        return rest.Length > 0;
    }
}

/// <summary>Precedence order: a literal beats an embedded placeholder beats a whole-segment placeholder.</summary>
internal enum SpecSegmentKind
{
    Parameter = 0,
    Embedded = 1,
    Literal = 2,
}
