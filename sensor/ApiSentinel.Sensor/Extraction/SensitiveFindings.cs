using ApiSentinel.Sensor.Extraction.Sensitive;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Collects the sensitive-data matches of one exchange, merged per (type, location) with a count. Reused across
/// exchanges; <see cref="ToList"/> snapshots what the record keeps. Values are never held: only a masked sample,
/// and only when masked samples were enabled.
/// </summary>
internal sealed class SensitiveFindings
{
    private readonly List<(string Type, string Location, int Count, string? Sample)> _items = [];
    private readonly bool _maskedSamples;

    public SensitiveFindings(bool maskedSamples)
    {
        _maskedSamples = maskedSamples;
    }

    public bool IsEmpty => _items.Count == 0;

    public void Clear() => _items.Clear();

    /// <summary>Records the matches found in <paramref name="value"/> at <paramref name="location"/>.</summary>
    public void Add(List<SensitiveMatch> matches, string location, ReadOnlySpan<char> value)
    {
        foreach (var match in matches)
        {
            var sample = _maskedSamples && match.Start + match.Length <= value.Length
                ? SensitiveDataScanner.Mask(match.Type, value.Slice(match.Start, match.Length))
                : null;
            Add(match.Type, location, sample);
        }
    }

    public void Add(string type, string location, string? maskedSample = null)
    {
        for (var i = 0; i < _items.Count; i++)
        {
            var item = _items[i];
            if (item.Type == type && item.Location == location)
            {
                _items[i] = (type, location, item.Count + 1, item.Sample ?? maskedSample);
                return;
            }
        }
        _items.Add((type, location, 1, maskedSample));
    }

    public IReadOnlyList<SensitiveObservation> ToList()
    {
        if (_items.Count == 0)
        {
            return [];
        }
        var list = new SensitiveObservation[_items.Count];
        for (var i = 0; i < list.Length; i++)
        {
            var (type, location, count, sample) = _items[i];
            list[i] = new SensitiveObservation(type, location, count, sample);
        }
        return list;
    }
}
