using System.Runtime.CompilerServices;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Compares pairs of shared strings by reference. The extractor's pools key on strings that are themselves
/// pooled (paths, names, kind constants), so identity is equality — and hashing an object address is O(1) where
/// hashing string contents is O(length), paid for every JSON value of every body.
/// </summary>
internal sealed class ReferencePairComparer : IEqualityComparer<(string, string)>
{
    public static ReferencePairComparer Instance { get; } = new();

    public bool Equals((string, string) x, (string, string) y) =>
        ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);

    public int GetHashCode((string, string) pair) =>
        HashCode.Combine(RuntimeHelpers.GetHashCode(pair.Item1), RuntimeHelpers.GetHashCode(pair.Item2));
}
