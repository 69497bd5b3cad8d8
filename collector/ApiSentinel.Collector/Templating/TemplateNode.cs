namespace ApiSentinel.Collector.Templating;

/// <summary>
/// A node of the compiled template trie, the read side of the templater: literal children, at most one parameter
/// child, and the finished <see cref="PathTemplate"/> for a path ending here (built once per compilation, so
/// resolving a known path allocates nothing).
/// </summary>
internal sealed partial class TemplateNode
{
    private Dictionary<string, TemplateNode>? _literals;
    private Dictionary<string, TemplateNode>.AlternateLookup<ReadOnlySpan<char>> _literalLookup;

    public TemplateNode(TemplateSegment[] segments, PathTemplate template)
    {
        Segments = segments;
        Template = template;
    }

    /// <summary>The template's segments up to here; the unobserved-path fallback continues from them.</summary>
    public TemplateSegment[] Segments { get; }

    public PathTemplate Template { get; }

    public TemplateNode? Parameter { get; private set; }

    /// <summary>The parameter was made by cardinality, so unseen words belong to it too.</summary>
    public bool ParameterTakesWords { get; private set; }

    public void AddLiteral(string literal, TemplateNode child)
    {
        if (_literals is null)
        {
            _literals = new Dictionary<string, TemplateNode>(StringComparer.Ordinal);
            _literalLookup = _literals.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        _literals.Add(literal, child);
    }

    /// <summary>Version-like words (<c>v1.2.3</c>) were values of the parameter, so unseen ones belong to it too.</summary>
    public bool ParameterTakesVersions { get; private set; }

    public void SetParameter(TemplateNode child, bool takesWords, bool takesVersions)
    {
        Parameter = child;
        ParameterTakesWords = takesWords;
        ParameterTakesVersions = takesVersions;
    }

    public bool TryGetLiteral(ReadOnlySpan<char> segment, out TemplateNode child)
    {
        if (_literals is not null && _literalLookup.TryGetValue(segment, out var found))
        {
            child = found;
            return true;
        }

        child = null!;
        return false;
    }
}
