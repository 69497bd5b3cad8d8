using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Sensor.Tests.Extraction.Adversarial;

namespace ApiSentinel.Sensor.Tests.Extraction;

/// <summary>
/// The caches of names forget what stopped recurring: a burst of unique names (the first a sensor sees, or
/// hostile ones) cannot fill them for good, names in steady use survive every turnover, and the bound holds.
/// </summary>
public class RecentNamesTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 2026];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Names_in_steady_use_survive_a_burst_of_unique_names_and_the_bound_holds(int seed)
    {
        var g = new Planted(seed);
        const int capacity = 64;
        var cache = new RecentNames<string>(capacity);
        var steady = Enumerable.Range(0, 16).Select(i => "steady" + i).ToArray();
        foreach (var name in steady)
        {
            cache.Add(name, name);
        }
        var burst = new List<string>();
        for (var i = 0; i < capacity * 10; i++)
        {
            var unique = g.Word(6, 12) + i;
            burst.Add(unique);
            cache.Add(unique, unique);
            Assert.True(cache.Count <= 2 * capacity, $"{cache.Count} entries");
            // Steady names recur more often than a generation turns over: each is still known.
            if (i % (capacity / 2) == 0)
            {
                foreach (var name in steady)
                {
                    Assert.True(cache.TryGetValue(name.AsSpan(), out var value) && ReferenceEquals(value, name), name);
                }
            }
        }
        // The first names of the burst did not stay: the cache made room for names seen after them.
        Assert.DoesNotContain(burst.Take(capacity), n => cache.Contains(n.AsSpan()));
        var late = g.Word(6, 12) + "late";
        cache.Add(late, late);
        Assert.True(cache.Contains(late.AsSpan()));
    }

    [Fact]
    public void The_name_screen_remembers_new_names_after_a_burst_and_stays_bounded()
    {
        var screen = new NameScreen(new SensitiveDataScanner(new SensitiveDataOptions()));
        var matches = new List<SensitiveMatch>();
        var g = new Planted(7);
        for (var i = 0; i < NameScreen.Capacity * 3; i++)
        {
            screen.Screen((g.Word(4, 8) + "_" + g.Word(4, 8) + "_" + g.Word(3, 6)).AsSpan(), matches);
            Assert.True(screen.Remembered <= 2 * NameScreen.Capacity);
        }
        Assert.Equal(NameVerdict.Plain, screen.Screen("shipping_address_after_burst".AsSpan(), matches));
        Assert.True(screen.Remembers("shipping_address_after_burst"), "a new plain name is remembered after the burst");
        Assert.Equal(NameVerdict.Opaque, screen.Screen("Zq7pW3xK9mR2vT5nA8bCyy".AsSpan(), matches));
        Assert.False(screen.Remembers("Zq7pW3xK9mR2vT5nA8bCyy"), "data is never remembered");
    }
}
