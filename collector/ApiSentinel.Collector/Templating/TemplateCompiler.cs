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
    private readonly SiblingEvidence _siblings = new(options);

    private const double NearThresholdLiteralConfidence = 0.75;
    private const double KeptSiblingConfidence = 0.8;

    /// <summary>How many times the usual distinct words cardinality needs in an interim compile (see <see cref="Compile"/>).</summary>
    private const int InterimDistinctFactor = 4;

    /// <summary>Compiles a host's trie.</summary>
    /// <param name="root">The host's observation trie.</param>
    /// <param name="settled">
    /// Whether this compile settles the catalog (<see cref="PathTemplater.Refresh"/>, before a build re-keys every
    /// endpoint) rather than keying calls as they arrive. The catalog can merge endpoints later but never split one,
    /// so an interim compile makes only the merges that more traffic cannot undo: value classes, and cardinality on
    /// four times the usual distinct words. Early in a capture every word is rare, and the rare-word rules
    /// (<see cref="SiblingEvidence"/>, cardinality's long tail) merged sub-resources that later traffic showed to be
    /// fixed (dev partition, seed 1: 533 of 7,675 endpoints still carried a placeholder of such an interim template,
    /// <c>/latest/{latestId}/…</c>). Words kept literal in the meantime merge at the next settled compile.
    /// </param>
    public TemplateNode Compile(ObservedNode root, bool settled = true) =>
        Build([root], [], [], 1.0, prefixRun: true, settled);

    private TemplateNode Build(
        List<ObservedNode> group, List<TemplateSegment> segments, List<PathParameter> parameters, double confidence,
        bool prefixRun, bool settled)
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
        var versions = new List<string>();
        string? wordEvidence = null;
        double wordConfidence = 0;
        if (!childProtected)
        {
            foreach (var (word, entry) in words)
            {
                if (entry.Count >= options.MaxShareOfParameterValue * childTotal || CustomMethodSuffix.IsSuffix(word))
                {
                    continue;
                }

                // A version is an API version only where it could be one: in the prefix, or among literals. At a
                // position that is a parameter anyway (/packages/{name}/{version} with v1.2.3, v2.0.1) it is a value;
                // it joins once the other evidence has decided (below), never on its own small evidence.
                (!options.VersionSegmentsMayBeParameters && SegmentClassifier.IsVersion(word) ? versions : merged).Add(word);
            }

            bool parentIsParameter = segments.Count > 0 && segments[^1].IsParameter;
            int minDistinct = options.MinDistinctValuesForParameter * (settled ? 1 : InterimDistinctFactor);
            if (merged.Count >= minDistinct && !_siblings.LooksLikeSubResources(merged) &&
                (HasRareValues(merged, words) || SiblingEvidence.ShareChildren(merged, words)))
            {
                wordEvidence = Cardinality(merged, words, childTotal, overflowed);
                wordConfidence = CardinalityConfidence(merged.Count, overflowed);
            }
            else if (overflowed && merged.Count > 0)
            {
                wordEvidence = Cardinality(merged, words, childTotal, overflowed);
                wordConfidence = 0.95;
            }
            else
            {
                // Too few for cardinality; still, next to identifiers a rare token-shaped word is one the classifier
                // missed (random base62 without a digit), not a fixed sibling such as "export" or "me".
                // Rare words are candidates whatever their share: three values seen once each hold a third each.
                var rare = words.Where(w => w.Value.Count <= options.MaxCallsOfRareValue && !versions.Contains(w.Key) &&
                        !CustomMethodSuffix.IsSuffix(w.Key) &&
                        (options.VersionSegmentsMayBeParameters || !SegmentClassifier.IsVersion(w.Key)))
                    .Select(w => w.Key).ToList();
                merged.RemoveAll(word => values.Count == 0 || !SegmentClassifier.IsTokenShaped(word));
                if (merged.Count > 0)
                {
                    wordEvidence = string.Create(CultureInfo.InvariantCulture, $"token-shaped: {merged.Count} rare mixed-case words next to identifiers");
                    wordConfidence = 0.8;
                }

                rare.RemoveAll(merged.Contains);
                var decision = settled ? _siblings.Decide(words, rare, values, parentIsParameter, firstResource: false)
                    : SiblingEvidence.Decision.None;
                if (decision.Words.Count > 0)
                {
                    merged.AddRange(decision.Words);
                    wordEvidence = wordEvidence is null ? decision.Evidence : wordEvidence + "; " + decision.Evidence;
                    wordConfidence = Math.Max(wordConfidence, decision.Confidence);
                }
            }

            if (versions.Count > 0 && !prefixRun)
            {
                bool parameterPosition = merged.Count > 0 || values.Count > 0;
                if (parameterPosition || versions.Count >= options.MinDistinctValuesForParameter)
                {
                    merged.AddRange(versions);
                    string note = string.Create(CultureInfo.InvariantCulture, $"{versions.Count} version-like values at a parameter position");
                    wordEvidence = wordEvidence is null ? "cardinality: " + note : wordEvidence + "; " + note;
                    wordConfidence = wordConfidence == 0 ? CardinalityConfidence(versions.Count, overflowed) : wordConfidence;
                }
                else
                {
                    versions.Clear();
                }
            }
            else
            {
                versions.Clear();
            }
        }

        if (childProtected)
        {
            // The first resource position is a resource name unless strong evidence says otherwise: rare siblings
            // that are identifiers, slugs or codes, or whose responses agree (/v1/{name} with one call per name).
            var rare = words.Count < 2 ? [] : words.Where(w => w.Value.Count <= options.MaxCallsOfRareValue &&
                    !IsPrefixSegment(w.Key, options) && !CustomMethodSuffix.IsSuffix(w.Key))
                .Select(w => w.Key).ToList();
            var decision = settled ? _siblings.Decide(words, rare, values, parentIsParameter: false, firstResource: true)
                : SiblingEvidence.Decision.None;
            if (decision.Words.Count > 0)
            {
                merged.AddRange(decision.Words);
                wordEvidence = decision.Evidence;
                wordConfidence = decision.Confidence;
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
            node.AddLiteral(literal, Build(words[literal].Nodes, segments, parameters, literalConfidence, childPrefixRun, settled));
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
            (string reason, double parameterConfidence) = Explain(classes, wordEvidence, wordConfidence);
            parameters.Add(new PathParameter(name, segments.Count, ValueClassNames.Describe(classes), reason));
            segments.Add(new TemplateSegment(name, true, null));
            node.SetParameter(
                Build(values, segments, parameters, Math.Min(confidence, parameterConfidence), prefixRun: false, settled),
                (classes & ValueClass.Word) != 0, takesVersions: versions.Count > 0);
            segments.RemoveAt(segments.Count - 1);
            parameters.RemoveAt(parameters.Count - 1);
        }

        return node;
    }

    /// <summary>
    /// Values of a parameter follow a long tail: whatever the traffic, a good share of them is seen once or twice.
    /// Ten or more fixed sub-resources (<c>/builds/{id}/app|icons|individualTesters|…</c>, each called several
    /// times) have no such tail; without at least a quarter of rare words — or a sub-tree they share, as ids reused
    /// under many operations do (<c>/catalogs/{storeId}/products|channels|…</c>) — they are not a parameter by
    /// cardinality (dev partition of the real-spec bench: such positions were the main over-merge).
    /// </summary>
    private bool HasRareValues(List<string> merged, Dictionary<string, (List<ObservedNode> Nodes, long Count)> words)
    {
        int rare = 0;
        foreach (string word in merged)
        {
            rare += words[word].Count <= options.MaxCallsOfRareValue ? 1 : 0;
        }

        return rare * 4 >= merged.Count;
    }

    private static string Cardinality(
        List<string> merged, Dictionary<string, (List<ObservedNode> Nodes, long Count)> words, long childTotal, bool overflowed)
    {
        long mostFrequent = 0;
        foreach (string word in merged)
        {
            mostFrequent = Math.Max(mostFrequent, words[word].Count);
        }

        double topShare = childTotal == 0 ? 0 : (double)mostFrequent / childTotal;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"cardinality: {(overflowed ? "at least " : "")}{merged.Count} distinct words, most frequent {topShare:P0} of calls");
    }

    private double CardinalityConfidence(int distinct, bool overflowed)
    {
        int surplus = Math.Max(0, distinct - options.MinDistinctValuesForParameter);
        return overflowed ? 0.95 : 0.6 + (0.35 * Math.Min(1.0, surplus / (2.0 * options.MinDistinctValuesForParameter)));
    }

    /// <summary>The parameter's reason names the evidence that decided it: value classes, word evidence, or both.</summary>
    private static (string Reason, double Confidence) Explain(ValueClass classes, string? wordEvidence, double wordConfidence)
    {
        ValueClass identifierClasses = classes & ~ValueClass.Word;
        string? byClass = null;
        double classConfidence = 0;
        if (identifierClasses != ValueClass.None)
        {
            byClass = "value class: " + ValueClassNames.Describe(identifierClasses);
            classConfidence = ClassConfidence(identifierClasses);
        }

        string? byWords = (classes & ValueClass.Word) != 0 ? wordEvidence : null;
        string reason = byClass is not null && byWords is not null
            ? byClass + "; " + byWords
            : byClass ?? byWords ?? "value class: word";
        return (reason, Math.Max(classConfidence, byWords is null ? 0 : wordConfidence));
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
            if (segment.IsParameter || !CustomMethodSuffix.IsSuffix(segment.Text))
            {
                builder.Append('/');
            }

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
