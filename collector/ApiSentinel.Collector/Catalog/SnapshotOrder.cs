namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// The orders a snapshot lists its keys in: ordinal, so every process, culture and run lists (and hashes) them
/// the same way. The live aggregate's sorted views used the default tuple comparer, which is ordinal too under the
/// invariant globalization every project here builds with; these make it explicit.
/// </summary>
public static class SnapshotOrder
{
    public static IComparer<string> Text { get; } = StringComparer.Ordinal;

    public static IComparer<int> Number { get; } = Comparer<int>.Default;

    /// <summary>Sensitive-data places: type, then location.</summary>
    public static IComparer<(string Type, string Location)> Place { get; } = Comparer<(string Type, string Location)>.Create(static (x, y) =>
    {
        var order = string.CompareOrdinal(x.Type, y.Type);
        return order != 0 ? order : string.CompareOrdinal(x.Location, y.Location);
    });
}
