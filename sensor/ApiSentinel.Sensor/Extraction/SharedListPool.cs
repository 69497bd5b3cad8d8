namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Shares identical lists of shared items (a response's header names, a request's query parameter shapes)
/// between records. Traffic repeats the same few shapes endlessly, so after warm-up a record's lists cost a
/// hash and a comparison instead of a new array each. Items must be shared instances (from a
/// <see cref="TokenPool"/> or <see cref="FieldShapePool"/>): equality is by reference. Bounded.
/// </summary>
internal sealed class SharedListPool<T>
    where T : class
{
    public const int Capacity = 4096;

    private readonly Dictionary<int, T[][]> _lists = new();
    private int _count;

    public IReadOnlyList<T> Get(List<T> names)
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

    private static bool SameReferences(T[] candidate, List<T> names)
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
