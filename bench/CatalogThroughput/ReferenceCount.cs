using System.Runtime.InteropServices;
using ApiSentinel.Contract;

namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// The least any catalog must do with a call: count it under its (host, method, path) in a hash map — one hash of
/// three strings, one lookup, one increment. Measured in the same run over the same stream as the engine, so the
/// engine's cost can be stated as a multiple of it, which moves far less between machines than calls per second.
/// </summary>
internal sealed class ReferenceCount
{
    private readonly Dictionary<Key, long> _counts = new(KeyComparer.Instance);

    public int Count => _counts.Count;

    public void Add(ApiCall call) =>
        CollectionsMarshal.GetValueRefOrAddDefault(_counts, new Key(call.Host, call.Method, call.Path), out _)++;

    private readonly record struct Key(string Host, string Method, string Path);

    private sealed class KeyComparer : IEqualityComparer<Key>
    {
        public static KeyComparer Instance { get; } = new();

        public bool Equals(Key x, Key y) =>
            string.Equals(x.Path, y.Path, StringComparison.Ordinal) && string.Equals(x.Method, y.Method, StringComparison.Ordinal) &&
            string.Equals(x.Host, y.Host, StringComparison.Ordinal);

        public int GetHashCode(Key key) =>
            HashCode.Combine(StringComparer.Ordinal.GetHashCode(key.Host), StringComparer.Ordinal.GetHashCode(key.Method),
                StringComparer.Ordinal.GetHashCode(key.Path));
    }
}
