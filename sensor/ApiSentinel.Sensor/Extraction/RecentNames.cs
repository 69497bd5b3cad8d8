namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// A bounded map from names (looked up by span, so a hit allocates nothing) that forgets what stopped recurring:
/// two generations, each of at most <c>capacity</c> entries. A new entry goes to the current generation; when that
/// is full it becomes the old one (the previous old one is cleared, its storage reused) and a fresh generation
/// starts. A hit in the old generation is promoted to the current one, so names in steady use survive every
/// turnover, while a burst of unique names — hostile traffic, or simply the first names a sensor ever saw — cannot
/// fill the cache for good: they are gone two turnovers later.
/// <para>Only names the caller found plain are ever added: data is never remembered.</para>
/// </summary>
internal sealed class RecentNames<TValue>
{
    private readonly int _capacity;
    private Dictionary<string, TValue> _current;
    private Dictionary<string, TValue> _old;
    private Dictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> _currentLookup;
    private Dictionary<string, TValue>.AlternateLookup<ReadOnlySpan<char>> _oldLookup;

    /// <param name="capacity">Entries per generation; at most twice this many are held.</param>
    public RecentNames(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _current = new Dictionary<string, TValue>(StringComparer.Ordinal);
        _old = new Dictionary<string, TValue>(StringComparer.Ordinal);
        _currentLookup = _current.GetAlternateLookup<ReadOnlySpan<char>>();
        _oldLookup = _old.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Entries held now (both generations): never more than twice the capacity.</summary>
    public int Count => _current.Count + _old.Count;

    public bool TryGetValue(ReadOnlySpan<char> name, out TValue value)
    {
        if (_currentLookup.TryGetValue(name, out value!))
        {
            return true;
        }
        if (_oldLookup.TryGetValue(name, out var key, out value!))
        {
            // Still in use: carried into the current generation (its key string is reused, nothing is allocated).
            _oldLookup.Remove(name);
            Add(key, value);
            return true;
        }
        return false;
    }

    public bool Contains(ReadOnlySpan<char> name) => TryGetValue(name, out _);

    public void Add(string name, TValue value)
    {
        if (_current.Count >= _capacity && !_current.ContainsKey(name))
        {
            (_old, _current) = (_current, _old);
            (_oldLookup, _currentLookup) = (_currentLookup, _oldLookup);
            _current.Clear();
        }
        _current[name] = value;
    }
}
