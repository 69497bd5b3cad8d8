using System.Globalization;

namespace ApiSentinel.Collector.Templating;

/// <summary>
/// Turns a host's observation trie into its template trie. Walks top-down; at each position it decides which word
/// children are values (merged, with the identifier-shaped values, into one parameter child whose subtrees are then
/// decided together) and which stay literal. Every decision is a function of counts and sets only — never of
/// insertion or iteration order — which is what makes the templates independent of arrival order.
/// </summary>
internal sealed class TemplateCompiler(TemplatingOptions options)
{
    private const double NearThresholdLiteralConfidence = 0.75;
    private const double KeptSiblingConfidence = 0.8;

    public TemplateNode Compile(ObservedNode root) =>
        Build([root], [], [], 1.0, prefixRun: true);

    private TemplateNode Build(
        List<ObservedNode> group, List<TemplateSegment> segments, List<PathParameter> parameters, double confidence,
        bool prefixRun)
    {
        var node = new TemplateNode([.. segments], MakeTemplate(segments, parameters, confidence));

        var words = new Dictionary<string, (List<ObservedNode> Nodes, long Count)>(StringComparer.Ordinal);
        var values = new List<ObservedNode>();
        ValueClass classes = ValueClass.None;
        long childTotal = 0;
        bool overflowed = false;
        foreach (var observed in group)
        {
            childTotal += observed.Count - observed.Ends;
            overflowed |= observed.Overflowed;
            if (observed.Values is not null)
            {
                values.Add(observed.Values);
                classes |= observed.ValueClasses;
            }

            if (observed.Words is null)
            {
                continue;
            }

            foreach (var (word, child) in observed.Words)
            {
                words.TryGetValue(word, out var entry);
                (entry.Nodes ??= []).Add(child);
                entry.Count += child.Count;
                words[word] = entry;
            }
        }

        bool childProtected = prefixRun && !options.FirstSegmentMayBeParameter;
        var merged = new List<string>();
        if (!childProtected)
        {
            foreach (var (word, entry) in words)
            {
                bool version = !options.VersionSegmentsMayBeParameters && SegmentClassifier.IsVersion(word);
                if (!version && entry.Count < options.MaxShareOfParameterValue * childTotal)
                {
                    merged.Add(word);
                }
            }

            // Every word seen exactly once, right under a collection (/hosts/parrot-03, /hosts/tulip-38, …), is
            // the signature of identifiers in a short capture: fixed siblings such as "me" or "export" repeat. It
            // needs less evidence than the general cardinality rule (accuracy bench, seed 2: feature-flag slugs
            // and host names were missed). Under an identifier (/tenants/{tenantId}/users|billing|…) single calls
            // are as likely sub-resources, so the rule is kept to plural literal parents.
            bool underCollection = segments.Count > 0 && !segments[^1].IsParameter &&
                (IsPlural(segments[^1].Text) || IsFinder(segments[^1].Text));
            bool allUnique = underCollection && merged.Count >= options.MinDistinctUniqueValuesForParameter &&
                merged.TrueForAll(w => words[w].Count == 1);
            if ((merged.Count < options.MinDistinctValuesForParameter && !allUnique && !(overflowed && merged.Count > 0)) ||
                LooksLikeSubResources(merged))
            {
                // Too few for cardinality; still, next to identifiers a rare token-shaped word is one the classifier
                // missed (random base62 without a digit), not a fixed sibling such as "export" or "me".
                merged.RemoveAll(word => values.Count == 0 || !SegmentClassifier.IsTokenShaped(word));
            }
        }

        var mergedSet = new HashSet<string>(merged, StringComparer.Ordinal);
        double literalConfidence = confidence;
        if (mergedSet.Count > 0)
        {
            literalConfidence = Math.Min(confidence, KeptSiblingConfidence);
        }
        else if (!childProtected && words.Count * 2 >= options.MinDistinctValuesForParameter)
        {
            literalConfidence = Math.Min(confidence, NearThresholdLiteralConfidence);
        }

        var literals = words.Keys.Where(w => !mergedSet.Contains(w)).ToList();
        literals.Sort(StringComparer.Ordinal);
        foreach (string literal in literals)
        {
            segments.Add(new TemplateSegment(literal, false, ParameterNaming.BaseName(literal, options)));
            bool childPrefixRun = prefixRun && IsPrefixSegment(literal, options);
            node.AddLiteral(literal, Build(words[literal].Nodes, segments, parameters, literalConfidence, childPrefixRun));
            segments.RemoveAt(segments.Count - 1);
        }

        if (mergedSet.Count > 0)
        {
            classes |= ValueClass.Word;
            foreach (string word in merged)
            {
                values.AddRange(words[word].Nodes);
            }
        }

        if (values.Count > 0)
        {
            string name = ParameterNaming.Name(segments, classes);
            (string reason, double parameterConfidence) = Explain(classes, mergedSet.Count, overflowed, childTotal, words, merged);
            parameters.Add(new PathParameter(name, segments.Count, ValueClassNames.Describe(classes), reason));
            segments.Add(new TemplateSegment(name, true, null));
            node.SetParameter(
                Build(values, segments, parameters, Math.Min(confidence, parameterConfidence), prefixRun: false),
                (classes & ValueClass.Word) != 0);
            segments.RemoveAt(segments.Count - 1);
            parameters.RemoveAt(parameters.Count - 1);
        }

        return node;
    }

    /// <summary>A lookup segment (<c>by-tag</c>, <c>by_email</c>): always followed by the value looked up.</summary>
    private static bool IsFinder(string segment) =>
        segment.Length > 3 && segment.StartsWith("by", StringComparison.OrdinalIgnoreCase) && segment[2] is '-' or '_';

    /// <summary>A plural noun, judged by its last word for compounds (<c>feature-flags</c>, <c>audit_logs</c>).</summary>
    private static bool IsPlural(string segment)
    {
        var lastWord = segment[(segment.LastIndexOfAny(['-', '_', '.']) + 1)..];
        return lastWord.Length > 0 && !string.Equals(ParameterNaming.Singularize(lastWord), lastWord, StringComparison.Ordinal);
    }

    /// <summary>
    /// Sub-resource names under an id (<c>/repos/{repoId}/{repoId2}/issues|pulls|commits|releases|…</c>) are
    /// also many words each with a small share of traffic, but they are mostly English plurals, while word-valued
    /// identifiers (logins, repository names, slugs) rarely are. When at least half the candidates are plurals, the
    /// position needs four times the usual evidence before it becomes a parameter.
    /// </summary>
    private bool LooksLikeSubResources(List<string> candidates)
    {
        if (candidates.Count >= 4 * options.MinDistinctValuesForParameter)
        {
            return false;
        }

        int plurals = 0;
        foreach (string word in candidates)
        {
            if (!string.Equals(ParameterNaming.Singularize(word), word, StringComparison.Ordinal))
            {
                plurals++;
            }
        }

        return plurals * 2 >= candidates.Count;
    }

    private (string Reason, double Confidence) Explain(
        ValueClass classes, int mergedWords, bool overflowed, long childTotal,
        Dictionary<string, (List<ObservedNode> Nodes, long Count)> words, List<string> merged)
    {
        ValueClass identifierClasses = classes & ~ValueClass.Word;
        string? byClass = null;
        double classConfidence = 0;
        if (identifierClasses != ValueClass.None)
        {
            byClass = "value class: " + ValueClassNames.Describe(identifierClasses);
            classConfidence = ClassConfidence(identifierClasses);
        }

        string? byCardinality = null;
        double cardinalityConfidence = 0;
        if ((classes & ValueClass.Word) != 0)
        {
            long mostFrequent = 0;
            foreach (string word in merged)
            {
                mostFrequent = Math.Max(mostFrequent, words[word].Count);
            }

            double topShare = childTotal == 0 ? 0 : (double)mostFrequent / childTotal;
            byCardinality = string.Create(
                CultureInfo.InvariantCulture,
                $"cardinality: {(overflowed ? "at least " : "")}{mergedWords} distinct words, most frequent {topShare:P0} of calls");
            int surplus = Math.Max(0, mergedWords - options.MinDistinctValuesForParameter);
            cardinalityConfidence = overflowed
                ? 0.95
                : 0.6 + (0.35 * Math.Min(1.0, surplus / (2.0 * options.MinDistinctValuesForParameter)));
        }

        string reason = byClass is not null && byCardinality is not null
            ? byClass + "; " + byCardinality
            : byClass ?? byCardinality!;
        return (reason, Math.Max(classConfidence, cardinalityConfidence));
    }

    /// <summary>How sure a value class alone makes us; the loosest class seen at the position counts.</summary>
    private static double ClassConfidence(ValueClass classes)
    {
        double confidence = 1.0;
        if ((classes & (ValueClass.Digits | ValueClass.Uuid | ValueClass.Ulid | ValueClass.MongoObjectId | ValueClass.Redacted | ValueClass.Email | ValueClass.Date)) != 0)
        {
            confidence = 0.95;
        }

        if ((classes & (ValueClass.Hex | ValueClass.Base64Token)) != 0)
        {
            confidence = Math.Min(confidence, 0.9);
        }

        if ((classes & ValueClass.HighEntropy) != 0)
        {
            confidence = Math.Min(confidence, 0.8);
        }

        return confidence;
    }

    public static PathTemplate MakeTemplate(
        IReadOnlyList<TemplateSegment> segments, IReadOnlyList<PathParameter> parameters, double confidence)
    {
        string template = Render(segments);
        string reason = parameters.Count > 0 ? "inferred" : "literal";
        return new PathTemplate(template, [.. parameters], reason, Math.Round(confidence, 3));
    }

    public static string Render(IReadOnlyList<TemplateSegment> segments)
    {
        if (segments.Count == 0)
        {
            return "/";
        }

        var builder = new System.Text.StringBuilder();
        foreach (var segment in segments)
        {
            builder.Append('/');
            if (segment.IsParameter)
            {
                builder.Append('{').Append(segment.Text).Append('}');
            }
            else
            {
                builder.Append(segment.Text);
            }
        }

        return builder.ToString();
    }

    /// <summary>Segments that extend the protected root: <c>api</c>, <c>v1</c>, <c>2024-01-01</c>.</summary>
    public static bool IsPrefixSegment(ReadOnlySpan<char> segment, TemplatingOptions options)
    {
        if (SegmentClassifier.IsVersion(segment) || SegmentClassifier.IsDateVersion(segment))
        {
            return true;
        }

        // Indexed, not foreach: enumerating an IReadOnlyList boxes an enumerator, and this runs per segment on Observe.
        var prefixes = options.ApiPrefixSegments;
        for (int i = 0; i < prefixes.Count; i++)
        {
            if (segment.Equals(prefixes[i], StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
