using ApiSentinel.Collector.Kubernetes.Watching;

namespace ApiSentinel.Collector.Kubernetes.Tests.Watching;

public sealed class ExponentialBackoffTests
{
    [Fact]
    public void Ceilings_double_up_to_the_cap_and_every_delay_keeps_at_least_half_of_its_ceiling()
    {
        var backoff = new ExponentialBackoff(new Random(3));
        var ceilings = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            var ceiling = backoff.Ceiling;
            var delay = backoff.NextDelay();
            Assert.InRange(delay, ceiling / 2, ceiling);
            ceilings.Add(ceiling.TotalSeconds);
        }
        Assert.Equal([1, 2, 4, 8, 16, 30, 30, 30, 30, 30], ceilings);
        Assert.Equal(10, backoff.Failures);
    }

    [Fact]
    public void Delays_are_jittered_and_reset_starts_over()
    {
        var backoff = new ExponentialBackoff(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), new Random(5));
        var delays = Enumerable.Range(0, 20).Select(_ => backoff.NextDelay()).ToList();
        Assert.True(delays.Distinct().Count() > 10);

        var growing = new ExponentialBackoff(new Random(5));
        growing.NextDelay();
        growing.NextDelay();
        growing.Reset();
        Assert.Equal(TimeSpan.FromSeconds(1), growing.Ceiling);
    }

    [Fact]
    public void A_cap_below_the_first_delay_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoff(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialBackoff(TimeSpan.Zero, TimeSpan.FromSeconds(1)));
    }
}
