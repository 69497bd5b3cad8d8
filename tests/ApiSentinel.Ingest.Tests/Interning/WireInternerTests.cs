using ApiSentinel.Ingest.Interning;

namespace ApiSentinel.Ingest.Tests.Interning;

/// <summary>
/// The interner gives one instance per distinct string, never holds more than its capacity whatever it is fed,
/// keeps names that stay in use through a flood of new ones, and stays correct when many streams share it.
/// </summary>
public sealed class WireInternerTests
{
    [Fact]
    public void Equal_strings_from_different_messages_come_back_as_one_instance()
    {
        var names = new WireInterner();
        var first = names.Intern(Fresh("content-type"));
        var second = names.Intern(Fresh("content-type"));
        Assert.Equal("content-type", second);
        Assert.Same(first, second);
        Assert.NotSame(names.Intern(Fresh("content-length")), first);
        Assert.Equal(2, names.Added);
        Assert.Equal(2, names.Count);
    }

    [Fact]
    public void Comparison_is_ordinal_so_case_variants_stay_distinct()
    {
        var names = new WireInterner();
        Assert.Equal("GET", names.Intern(Fresh("GET")));
        Assert.Equal("get", names.Intern(Fresh("get")));
        Assert.Equal(2, names.Count);
    }

    [Fact]
    public void A_flood_of_distinct_strings_never_exceeds_the_capacity_and_rotations_are_counted()
    {
        var names = new WireInterner(capacity: 100);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.Equal("/id/" + i, names.Intern("/id/" + i));
            Assert.True(names.Count <= 100, $"{names.Count} strings held after {i + 1}");
        }
        Assert.Equal(10_000, names.Added);
        Assert.True(names.Rotations >= 10_000 / 50 - 1, $"{names.Rotations} rotations");
    }

    [Fact]
    public void A_name_in_use_keeps_its_instance_through_a_flood_of_new_strings()
    {
        var names = new WireInterner(capacity: 64);
        var host = names.Intern(Fresh("api.example.test"));
        for (var i = 0; i < 5_000; i++)
        {
            names.Intern("/orders/" + i);
            if (i % 10 == 0)
            {
                Assert.Same(host, names.Intern(Fresh("api.example.test")));
            }
        }
        Assert.True(names.Promoted > 0);
    }

    [Fact]
    public void A_name_out_of_use_ages_out()
    {
        var names = new WireInterner(capacity: 10);
        var old = names.Intern(Fresh("x-old-header"));
        for (var i = 0; i < 20; i++)
        {
            names.Intern("h" + i);
        }
        var again = names.Intern(Fresh("x-old-header"));
        Assert.Equal("x-old-header", again);
        Assert.NotSame(old, again);
    }

    [Fact]
    public void Strings_over_the_length_bound_pass_through_uninterned_and_are_counted()
    {
        var names = new WireInterner(capacity: 16, maxLength: 8);
        var longValue = Fresh("abcdefghi");
        Assert.Same(longValue, names.Intern(longValue));
        Assert.NotSame(names.Intern(Fresh("abcdefghi")), longValue);
        Assert.Equal(2, names.TooLong);
        Assert.Equal(0, names.Count);
        Assert.Same(names.Intern(Fresh("abcdefgh")), names.Intern(Fresh("abcdefgh")));
    }

    [Fact]
    public void Empty_and_absent_values()
    {
        var names = new WireInterner();
        Assert.Same(string.Empty, names.Intern(Fresh("")));
        Assert.Null(names.InternOptional(null));
        Assert.Equal(0, names.Count);
        Assert.Throws<ArgumentNullException>(() => names.Intern(null!));
    }

    [Fact]
    public void Capacity_below_two_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WireInterner(capacity: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WireInterner(maxLength: -1));
    }

    [Fact]
    public async Task Streams_sharing_one_interner_get_one_instance_per_name()
    {
        var names = new WireInterner();
        var vocabulary = Enumerable.Range(0, 500).Select(i => "name-" + i).ToArray();
        using var start = new Barrier(8);
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(60));
            var seen = new string[vocabulary.Length];
            for (var round = 0; round < 50; round++)
            {
                for (var i = 0; i < vocabulary.Length; i++)
                {
                    // Each thread walks the names in its own order, so first sightings race.
                    var k = (i * 7 + t * 131 + round) % vocabulary.Length;
                    var got = names.Intern(Fresh(vocabulary[k]));
                    Assert.Equal(vocabulary[k], got);
                    Assert.True(seen[k] is null || ReferenceEquals(seen[k], got), $"two instances of {vocabulary[k]}");
                    seen[k] = got;
                }
            }
            return seen;
        }))).WaitAsync(TimeSpan.FromSeconds(60));

        for (var k = 0; k < vocabulary.Length; k++)
        {
            Assert.All(results, seen => Assert.Same(results[0][k], seen[k]));
        }
        Assert.Equal(vocabulary.Length, names.Added);
        Assert.Equal(vocabulary.Length, names.Count);
    }

    [Fact]
    public async Task A_concurrent_flood_stays_within_the_capacity_and_returns_equal_strings()
    {
        var names = new WireInterner(capacity: 256);
        long samples = 0;
        var mostHeld = 0;
        using var stop = new CancellationTokenSource();
        using var watching = new ManualResetEventSlim();
        // A thread of its own, sampling the size while the flood runs (a pool task could start after it ended).
        var watcher = new Thread(() =>
        {
            do
            {
                mostHeld = Math.Max(mostHeld, names.Count);
                samples++;
                watching.Set();
            }
            while (!stop.IsCancellationRequested);
        });
        watcher.Start();
        Assert.True(watching.Wait(TimeSpan.FromSeconds(60)));
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 20_000; i++)
            {
                var value = (i % 3 == 0 ? "shared-" + (i % 40) : "t" + t + "-" + i);
                Assert.Equal(value, names.Intern(value));
            }
        }))).WaitAsync(TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        Assert.True(watcher.Join(TimeSpan.FromSeconds(60)));

        Assert.True(names.Count <= 256);
        // Join above orders the watcher's writes before these reads.
        Assert.True(samples > 0);
        Assert.InRange(mostHeld, 1, 256);
        Assert.True(names.Rotations > 0);
    }

    /// <summary>A new instance with the text of <paramref name="text"/>, as a decoder makes one per message.</summary>
    internal static string Fresh(string text) => new(text.AsSpan());
}
