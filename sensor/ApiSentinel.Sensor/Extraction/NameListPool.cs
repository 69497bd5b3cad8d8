namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Shares identical lists of interned names (a response's header names, a request's query parameter names)
/// between records. Traffic repeats the same few shapes endlessly, so after warm-up a record's name lists cost
/// a hash and a comparison instead of a new array each. Names must come from a <see cref="TokenPool"/> (or be
/// otherwise shared instances): equality is by reference. Bounded like the token pool.
/// </summary>
internal sealed class NameListPool
{
    public const int Capacity = 4096;

    private readonly Dictionary<int, string[][]> _lists = new();
    private int _count;

    public IReadOnlyList<string> Get(List<string> names)
    {
        if (names.Count == 0)
        {
            return [];
        }
        var hash = new HashCode();
        foreach (var name in names)
        {
            hash.Add(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(name));
        }
        var key = hash.ToHashCode();
        if (_lists.TryGetValue(key, out var bucket))
        {
            foreach (var candidate in bucket)
            {
                if (SameReferences(candidate, names))
                {
                    return candidate;
                }
            }
        }
        var list = names.ToArray();
        if (_count < Capacity)
        {
            _lists[key] = bucket is null ? [list] : [.. bucket, list];
            _count++;
        }
        return list;
    }

    private static bool SameReferences(string[] candidate, List<string> names)
    {
        if (candidate.Length != names.Count)
        {
            return false;
        }
        for (var i = 0; i < candidate.Length; i++)
        {
            if (!ReferenceEquals(candidate[i], names[i]))
            {
                return false;
            }
        }
        return true;
    }
}
