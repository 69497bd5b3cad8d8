using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Templating;

/// <summary>
/// Templating state of one host: the observation trie (write side), the compiled template trie (read side, rebuilt
/// lazily) and the spec templates if any.
/// </summary>
internal sealed partial class HostTemplater(TemplatingOptions options, TemplateCompiler compiler)
{
    private readonly ObservedNode _root = new();
    private TemplateNode? _compiled;
    private long _pendingCalls;

    /// <summary>Whether <see cref="_compiled"/> came from a settled compile (every rule), not an interim one.</summary>
    private bool _compiledSettled;

    /// <summary>Whether a forced compile (a build's <see cref="PathTemplater.Refresh"/>) has run: from then on every compile settles.</summary>
    private bool _refreshed;
    private bool _shapeChanged = true;

    public SpecTemplateSet? Spec { get; set; }

    public int NodeCount { get; private set; } = 1;

    public int TrackedLiteralCount { get; private set; }

    /// <summary>Calls cut short because the node budget was exhausted (counted, never thrown).</summary>
    public long TruncatedCalls { get; private set; }

    /// <summary>Templates of paths the compiled trie cannot place, kept until it is recompiled.</summary>
    public UnobservedTemplateCache Unobserved { get; } = new();

    /// <summary>The trie compiled last, as it stands (no recompilation): what a path observed now is matched against.</summary>
    public TemplateNode? Compiled => _compiled;

    /// <summary>Records a call's path and, when given, its shape evidence (request and response structure).</summary>
    public void Observe(ReadOnlySpan<char> path, ApiCall? evidence) => ObserveAndMatch(path, evidence, compiled: null);

    /// <summary>
    /// Records a call's path like <see cref="Observe"/> and, in the same walk, follows it down
    /// <paramref name="compiled"/> the way <see cref="PathTemplater.Resolve"/> would: the node where the whole path
    /// ends, or null when it leaves the compiled trie (or the observation was cut short), where the caller falls
    /// back to a full resolve. One split and one pass instead of two, and a segment classified to be stored as a
    /// value is not classified again to be matched against the parameter.
    /// </summary>
    public TemplateNode? ObserveAndMatch(ReadOnlySpan<char> path, ApiCall? evidence, TemplateNode? compiled)
    {
        var node = _root;
        node.Count++;
        _pendingCalls++;
        TemplateNode? match = compiled;
        bool prefixRun = true;
        int start = 0;
        int depth = 0;
        for (int i = 0; i <= path.Length; i++)
        {
            if (i < path.Length && path[i] != '/')
            {
                continue;
            }

            if (i > start)
            {
                if (++depth > options.MaxPathSegments)
                {
                    TruncatedCalls++;
                    match = null;
                    break;
                }

                ReadOnlySpan<char> segment = path[start..i];
                int colon = CustomMethodSuffix.Find(segment);
                ReadOnlySpan<char> stem = colon < 0 ? segment : segment[..colon];
                var child = Descend(node, stem, prefixRun && !options.FirstSegmentMayBeParameter, out var classified);
                if (match is not null)
                {
                    match = PathTemplater.Step(match, stem, classified, options);
                }

                if (child is not null && colon >= 0)
                {
                    // The custom method is a literal part of its own below the stem (never a value).
                    child.Count++;
                    child = DescendSuffix(child, segment[colon..]);
                    if (match is not null)
                    {
                        match = PathTemplater.Step(match, segment[colon..], classified: null, options);
                    }
                }

                if (child is null)
                {
                    TruncatedCalls++;
                    match = null;
                    break;
                }

                child.Count++;
                prefixRun = prefixRun && TemplateCompiler.IsPrefixSegment(stem, options);
                node = child;
            }

            start = i + 1;
        }

        node.Ends++;
        // Bounded: after the first few calls of a node this is one comparison per call (see NodeShape).
        if (evidence is not null && node.Ends <= options.ShapeCallsPerNode)
        {
            node.Shape.Add(evidence);
        }

        return match;
    }

    private ObservedNode? DescendSuffix(ObservedNode node, ReadOnlySpan<char> suffix)
    {
        if (node.TryGetWord(suffix, out var known))
        {
            return known;
        }

        if (node.WordCount >= options.MaxTrackedLiteralsPerNode || NodeCount >= options.MaxNodesPerHost)
        {
            return null;
        }

        NodeCount++;
        TrackedLiteralCount++;
        _shapeChanged = true;
        return node.AddWord(suffix);
    }

    /// <param name="classified">What <see cref="SegmentClassifier.Classify"/> said of the segment when it was asked, else null.</param>
    private ObservedNode? Descend(ObservedNode node, ReadOnlySpan<char> segment, bool protectedPosition, out ValueClass? classified)
    {
        classified = null;
        if (node.TryGetWord(segment, out var known))
        {
            return known;
        }

        // Out of line in effect: only segments not seen as words here pay for classification.
        // A value the sensor redacted is a parameter wherever it stands, even at the protected first position: a
        // literal "REDACTED" would be an endpoint no API has.
        ValueClass valueClass;
        if (segment.SequenceEqual(SegmentClassifier.RedactedMarker))
        {
            valueClass = ValueClass.Redacted;
        }
        else if (protectedPosition || (!options.VersionSegmentsMayBeParameters && SegmentClassifier.IsVersion(segment)))
        {
            valueClass = ValueClass.None;
        }
        else
        {
            valueClass = SegmentClassifier.Classify(segment);
            classified = valueClass;
        }

        if (valueClass == ValueClass.None)
        {
            bool withinBounds = node.WordCount < options.MaxTrackedLiteralsPerNode && NodeCount < options.MaxNodesPerHost;
            if (withinBounds)
            {
                NodeCount++;
                TrackedLiteralCount++;
                _shapeChanged = true;
                return node.AddWord(segment);
            }

            // Bound reached: the word is counted as a value of this position without being stored.
            node.Overflowed = true;
            valueClass = ValueClass.Word;
        }

        if (node.Values is null && NodeCount >= options.MaxNodesPerHost)
        {
            return null;
        }

        var values = node.GetOrAddValues(out bool created);
        if (created)
        {
            NodeCount++;
        }

        if (created || (node.ValueClasses & valueClass) != valueClass)
        {
            node.ValueClasses |= valueClass;
            _shapeChanged = true;
        }

        return values;
    }

    /// <summary>
    /// The compiled trie, rebuilt when enough has changed since the last build (see
    /// <see cref="TemplatingOptions.RecomputeDivisor"/>) or when <paramref name="force"/> is set.
    /// </summary>
    public TemplateNode Templates(bool force = false)
    {
        long total = _root.Count;
        long divisor = options.RecomputeDivisor;
        // A rebuild walks the whole trie, so it also waits for as many calls as the trie has nodes: rebuilding
        // every total/256 calls on a host with thousands of nodes cost a third of the catalog's ingest CPU at
        // 5000 endpoints (bench/CatalogThroughput). Keys chosen at ingest may lag; ApiCatalog.Build re-keys.
        // A forced compile must settle even with nothing new: the last lazy one may have been interim, and a build
        // re-keying against an interim trie would depend on whether the last call happened to trigger it.
        bool stale = (_pendingCalls > 0 || (force && !_compiledSettled)) && (force || _compiled is null ||
            (_pendingCalls >= NodeCount &&
             ((_shapeChanged && _pendingCalls * divisor >= total) || _pendingCalls * divisor >= total * 8)));
        if (_compiled is null || stale)
        {
            // Lazy recompiles before the first forced one (the first build) key calls as they arrive and make only the
            // merges later traffic cannot undo (see Compile). After a build every compile settles: an interim one
            // would undo the build's merges and file fresh values under literal endpoints until the next build.
            bool settled = force || _compiled is null || _refreshed;
            _compiled = compiler.Compile(_root, settled);
            _compiledSettled = settled;
            _refreshed |= force;
            // Built against the old trie: stale now, and their share of the shared budget goes back.
            Unobserved.Clear();
            _pendingCalls = 0;
            _shapeChanged = false;
        }

        return _compiled;
    }
}
