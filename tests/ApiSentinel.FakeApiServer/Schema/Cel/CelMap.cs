namespace ApiSentinel.FakeApiServer.Schema.Cel;

/// <summary>A CEL map (and a JSON object seen from CEL): keys in insertion order, looked up with CEL equality.</summary>
internal sealed class CelMap
{
    private readonly Dictionary<object, object?> _entries = new(CelKeyComparer.Instance);
    private readonly List<object> _keys = [];

    public int Count => _keys.Count;

    public IReadOnlyList<object> Keys => _keys;

    /// <summary>False when the key is already there (a duplicate key in a map literal is an error in CEL).</summary>
    public bool TryAdd(object key, object? value)
    {
        if (!_entries.TryAdd(key, value))
        {
            return false;
        }
        _keys.Add(key);
        return true;
    }

    public bool TryGet(object key, out object? value) => _entries.TryGetValue(key, out value);

    public bool ContainsKey(object key) => _entries.ContainsKey(key);

    private sealed class CelKeyComparer : IEqualityComparer<object>
    {
        public static readonly CelKeyComparer Instance = new();

        public new bool Equals(object? x, object? y) => CelValues.Equal(x, y);

        // Numbers hash by value so 1, 1u and 1.0 find the same entry, as CEL's heterogeneous equality requires.
        public int GetHashCode(object obj) => obj switch
        {
            long l => ((double)l).GetHashCode(),
            ulong u => ((double)u).GetHashCode(),
            double d => d.GetHashCode(),
            string s => StringComparer.Ordinal.GetHashCode(s),
            _ => obj.GetHashCode(),
        };
    }
}
