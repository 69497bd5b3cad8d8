namespace ApiSentinel.Collector.Templating;

/// <summary>
/// One host's templates of paths its compiled trie cannot place (<see cref="UnobservedTemplate"/>), by path, valid for
/// the compilation they were built against: a recompilation makes every entry stale, and the first use after it
/// drops them all. A path newer than the compilation repeats until the next one — a new slug, a new sub-resource —
/// and rebuilding its template per call allocated 856 B/call at 5,000 endpoints (bench/CatalogThroughput).
/// Entries come from a budget shared by all hosts (<see cref="UnobservedTemplateBudget"/>), so the cache is bounded
/// whatever the traffic; what it refuses is counted there. A derived cache: never state.
/// </summary>
internal sealed class UnobservedTemplateCache
{
    /// <summary>Longest path cached (its template is a few KB at most): 4,096 entries stay within ~10 MB.</summary>
    public const int MaxCachedPathLength = 512;

    private Dictionary<string, PathTemplate>? _entries;
    private TemplateNode? _compiledFor;
    private UnobservedTemplateBudget? _budget;

    public int Count => _entries?.Count ?? 0;

    public bool TryGet(TemplateNode compiled, string path, out PathTemplate template)
    {
        if (_entries is not null && ReferenceEquals(compiled, _compiledFor) && _entries.TryGetValue(path, out var found))
        {
            template = found;
            return true;
        }

        template = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="template"/> for <paramref name="path"/>; false when the budget is spent (counted).</summary>
    public bool TryAdd(TemplateNode compiled, string path, PathTemplate template, UnobservedTemplateBudget budget)
    {
        if (!ReferenceEquals(compiled, _compiledFor))
        {
            Clear();
            _compiledFor = compiled;
        }

        // A template grows with its path; a hostile 64 KiB path of 30 k segments pins megabytes. Long paths are
        // rare in real traffic, so they are rebuilt per call as before instead (counted as refused).
        if (path.Length > MaxCachedPathLength)
        {
            budget.Refuse();
            return false;
        }

        _entries ??= new Dictionary<string, PathTemplate>(StringComparer.Ordinal);
        if (_entries.ContainsKey(path))
        {
            return true;
        }

        if (!budget.TryTake())
        {
            return false;
        }

        _budget = budget;
        _entries.Add(path, template);
        return true;
    }

    /// <summary>Drops every entry and gives its share of the budget back.</summary>
    public void Clear()
    {
        if (_entries is { Count: > 0 })
        {
            _budget?.Release(_entries.Count);
            _entries.Clear();
        }

        _compiledFor = null;
    }
}
