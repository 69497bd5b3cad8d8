namespace ApiSentinel.Collector.Kubernetes.Resources;

/// <summary>
/// The tally of one projection's cuts — list entries left out (and which lists), texts shortened — so that what the
/// bounds drop is always counted in <c>status.truncated</c>, never silent.
/// </summary>
internal sealed class StatusTruncation(int maxTextLength)
{
    private const char Ellipsis = '…';

    private readonly SortedSet<string> _lists = new(StringComparer.Ordinal);

    public long Items { get; private set; }

    public long Texts { get; private set; }

    public IReadOnlyCollection<string> Lists => _lists;

    public bool Any => Items > 0 || Texts > 0;

    /// <summary>
    /// At most <paramref name="max"/> of <paramref name="items"/>: the heaviest by <paramref name="weight"/> (ties by
    /// position), kept in their original order so a list reads the same way whether or not it was cut.
    /// </summary>
    public List<T> Top<T>(IReadOnlyCollection<T> items, int max, string list, Func<T, long> weight)
    {
        if (items.Count <= max)
        {
            return [.. items];
        }
        Cut(list, items.Count - max);
        return items.Select((item, index) => (item, index))
            .OrderByDescending(p => weight(p.item)).ThenBy(p => p.index).Take(max)
            .OrderBy(p => p.index).Select(p => p.item).ToList();
    }

    /// <summary>The first <paramref name="max"/> of <paramref name="items"/> (already in the order that matters).</summary>
    public List<T> First<T>(IReadOnlyCollection<T> items, int max, string list)
    {
        if (items.Count <= max)
        {
            return [.. items];
        }
        Cut(list, items.Count - max);
        return items.Take(max).ToList();
    }

    /// <summary>Counts <paramref name="count"/> entries of <paramref name="list"/> left out.</summary>
    public void Cut(string list, long count)
    {
        if (count <= 0)
        {
            return;
        }
        Items += count;
        _lists.Add(list);
    }

    /// <summary>Counts <paramref name="count"/> texts another tally shortened.</summary>
    public void AddTexts(long count) => Texts += count;

    /// <summary>The text, or its first characters and an ellipsis when longer than the bound.</summary>
    public string Text(string text)
    {
        if (text.Length <= maxTextLength)
        {
            return text;
        }
        Texts++;
        var keep = maxTextLength - 1;
        // Never split a surrogate pair: half a character is not text.
        if (char.IsHighSurrogate(text[keep - 1]))
        {
            keep--;
        }
        return string.Concat(text.AsSpan(0, keep), Ellipsis.ToString());
    }

    public string? OptionalText(string? text) => text is null ? null : Text(text);
}
