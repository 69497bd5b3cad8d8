using ApiSentinel.Collector.Catalog;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.Catalog;

/// <summary>
/// The per-endpoint aggregates' fast paths (the top-N heap, remembered field and header lists with deferred
/// counts) give exactly what the plain algorithms give: each is checked against a straightforward oracle on
/// random streams where repeats, near-repeats, duplicates and the bounds all occur.
/// </summary>
public sealed class AggregateEquivalenceTests
{
    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 16)]
    [InlineData(3, 256)]
    public void Top_counter_evicts_and_counts_like_the_full_scan(int seed, int capacity)
    {
        var random = new Random(seed);
        var counter = new TopCounter(capacity);
        var oracle = new ScanningTopCounter(capacity);
        for (var i = 0; i < 20_000; i++)
        {
            // Skewed keys: a few heavy hitters and a long tail, so ties at the minimum are common.
            var key = random.Next(4) == 0 ? $"10.0.0.{random.Next(8)}" : $"203.0.113.{random.Next(capacity * 3)}";
            var count = random.Next(10) == 0 ? random.Next(1, 5) : 1;
            counter.Add(key, count);
            oracle.Add(key, count);
        }
        Assert.Equal(oracle.Top(), counter.Top(int.MaxValue));
        Assert.Equal(oracle.Evicted, counter.Evicted);

        var other = new TopCounter(capacity);
        var otherOracle = new ScanningTopCounter(capacity);
        for (var i = 0; i < 3_000; i++)
        {
            var key = $"198.51.100.{random.Next(capacity * 2)}";
            other.Add(key);
            otherOracle.Add(key);
        }
        counter.MergeFrom(other);
        oracle.MergeFrom(otherOracle);
        Assert.Equal(oracle.Top(), counter.Top(int.MaxValue));
        Assert.Equal(oracle.Evicted, counter.Evicted);
        // The state export and MergeFrom walk the keys in this order, and at the bound the order decides survivors.
        Assert.Equal(oracle.InMapOrder(), counter.Tracked());
    }

    [Fact]
    public void Top_counter_breaks_count_ties_by_the_whole_key_past_a_shared_prefix()
    {
        // Keys equal in their first four characters, one a prefix of another, and one holding U+0000 where a
        // shorter key ends: the victim is still the ordinal-greatest among the least counted.
        string[] keys = ["10.0.0.1", "10.0.0.10", "10.0", "10.0\0", "10.", "10.0.0.2", "2", "10.0.0.1\0"];
        var counter = new TopCounter(4);
        var oracle = new ScanningTopCounter(4);
        for (var round = 0; round < 3; round++)
        {
            foreach (var key in keys)
            {
                counter.Add(key);
                oracle.Add(key);
                Assert.Equal(oracle.InMapOrder(), counter.Tracked());
            }
        }
        Assert.Equal(oracle.Evicted, counter.Evicted);
    }

    [Fact]
    public void Top_counter_needs_room_for_one_key()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new TopCounter(0));
    }

    [Theory]
    [InlineData(1, 40)]
    [InlineData(2, 600)]
    public void Field_lists_merged_whole_equal_field_by_field(int seed, int names)
    {
        var random = new Random(seed);
        string[] kinds = ["integer", "string", "null", "object"];
        // A few recurring lists (as an endpoint's calls carry), plus fresh ones, some with a name twice.
        var recurring = Enumerable.Range(0, 6).Select(_ => RandomFields(random, names, kinds)).ToList();
        var whole = new KindSet();
        var oneByOne = new KindSet();
        for (var call = 1L; call <= 5_000; call++)
        {
            var fields = random.Next(5) == 0 ? RandomFields(random, names, kinds) : recurring[random.Next(recurring.Count)];
            if (random.Next(7) == 0)
            {
                // Equal by value, not by reference: a fresh list of fresh observations.
                fields = [.. fields.Select(f => new FieldObservation(new string(f.Name.AsSpan()), f.Kind))];
            }
            whole.AddAll(fields, call);
            foreach (var field in fields)
            {
                oneByOne.Add(field.Name, field.Kind, call);
            }
            if (call % 1_000 == 0)
            {
                AssertSame(oneByOne, whole); // reads in between settle the deferred counts
            }
        }
        AssertSame(oneByOne, whole);

        var mergedWhole = new KindSet();
        var mergedOneByOne = new KindSet();
        mergedWhole.AddAll(recurring[0], 1);
        mergedWhole.AddAll(recurring[0], 2);
        foreach (var call in new[] { 1L, 2L })
        {
            foreach (var field in recurring[0])
            {
                mergedOneByOne.Add(field.Name, field.Kind, call);
            }
        }
        mergedWhole.MergeFrom(whole);
        mergedOneByOne.MergeFrom(oneByOne);
        AssertSame(mergedOneByOne, mergedWhole);
    }

    [Theory]
    [InlineData(1, 256)]
    [InlineData(2, 6)]
    public void Header_lists_counted_whole_equal_name_by_name(int seed, int capacity)
    {
        var random = new Random(seed);
        var recurring = Enumerable.Range(0, 5).Select(_ => RandomNames(random)).ToList();
        var counts = new NameCounts(capacity);
        var oracle = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < 5_000; i++)
        {
            var names = random.Next(6) == 0 ? RandomNames(random) : recurring[random.Next(recurring.Count)];
            counts.AddAll(names);
            foreach (var name in names)
            {
                if (oracle.Count < capacity || oracle.ContainsKey(name))
                {
                    oracle[name] = oracle.GetValueOrDefault(name) + 1;
                }
            }
            if (i % 1_000 == 0)
            {
                Assert.Equal(oracle.OrderBy(kv => kv.Key, StringComparer.Ordinal), counts.ToSorted());
            }
        }
        Assert.Equal(oracle.OrderBy(kv => kv.Key, StringComparer.Ordinal), counts.ToSorted());
        Assert.All(oracle, kv => Assert.Equal(kv.Value, counts.CountOf(kv.Key)));

        var into = new NameCounts(capacity);
        into.AddAll(recurring[0]);
        into.AddAll(recurring[0]);
        into.MergeFrom(counts);
        // Its own lists within the bound, then the merged counts whatever the bound.
        var expected = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var name in recurring[0].Concat(recurring[0]))
        {
            if (expected.Count < capacity || expected.ContainsKey(name))
            {
                expected[name] = expected.GetValueOrDefault(name) + 1;
            }
        }
        foreach (var (name, count) in oracle)
        {
            expected[name] = expected.GetValueOrDefault(name) + count;
        }
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), into.ToSorted());
    }

    private static void AssertSame(KindSet expected, KindSet actual)
    {
        Assert.Equal(expected.Names, actual.Names);
        Assert.Equal(expected.Dropped, actual.Dropped);
        foreach (var name in expected.Names)
        {
            Assert.Equal(expected.CountOf(name), actual.CountOf(name));
            Assert.Equal(expected.KindsOf(name).Order(StringComparer.Ordinal), actual.KindsOf(name).Order(StringComparer.Ordinal));
        }
    }

    private static List<FieldObservation> RandomFields(Random random, int names, string[] kinds)
    {
        var fields = Enumerable.Range(0, random.Next(1, 30))
            .Select(_ => new FieldObservation($"$.f{random.Next(names)}", kinds[random.Next(kinds.Length)])).ToList();
        if (random.Next(3) == 0)
        {
            fields.Add(fields[0] with { Kind = kinds[random.Next(kinds.Length)] }); // one name, two kinds, one call
        }
        return fields;
    }

    private static List<string> RandomNames(Random random) =>
        [.. Enumerable.Range(0, random.Next(1, 12)).Select(_ => $"x-h{random.Next(20)}")];

    /// <summary>The space-saving counter as first written: a full scan for the victim (least count, greatest key).</summary>
    private sealed class ScanningTopCounter(int capacity)
    {
        private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);

        public long Evicted { get; private set; }

        public void Add(string key, long count = 1)
        {
            if (_counts.TryGetValue(key, out var current))
            {
                _counts[key] = current + count;
                return;
            }
            if (_counts.Count < capacity)
            {
                _counts[key] = count;
                return;
            }
            var (victim, least) = (string.Empty, long.MaxValue);
            foreach (var (k, c) in _counts)
            {
                if (c < least || (c == least && string.CompareOrdinal(k, victim) > 0))
                {
                    (victim, least) = (k, c);
                }
            }
            _counts.Remove(victim);
            _counts[key] = least + count;
            Evicted++;
        }

        public List<KeyValuePair<string, long>> InMapOrder() => [.. _counts];

        public List<KeyValuePair<string, long>> Top() =>
            [.. _counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)];

        public void MergeFrom(ScanningTopCounter other)
        {
            foreach (var (k, c) in other._counts)
            {
                Add(k, c);
            }
            Evicted += other.Evicted;
        }
    }
}
