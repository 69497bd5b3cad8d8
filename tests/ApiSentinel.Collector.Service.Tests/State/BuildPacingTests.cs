using ApiSentinel.Collector.Service.State;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Service.Tests.State;

public sealed class BuildPacingTests
{
    [Fact]
    public void The_first_run_is_due_and_a_run_without_changes_since_is_not()
    {
        var time = new FakeTimeProvider();
        var pacing = new BuildPacing(time, TimeSpan.FromSeconds(8));
        Assert.True(pacing.Due(0));
        pacing.Started();
        pacing.Completed(0);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.False(pacing.Due(0));
        Assert.True(pacing.Due(1));
    }

    [Fact]
    public void After_a_slow_run_the_next_waits_five_times_its_duration_but_never_past_the_longest()
    {
        var time = new FakeTimeProvider();
        var pacing = new BuildPacing(time, TimeSpan.FromSeconds(8));
        pacing.Started();
        time.Advance(TimeSpan.FromSeconds(1));
        pacing.Completed(1);
        time.Advance(TimeSpan.FromSeconds(3)); // 4 s after the start of a 1 s run
        Assert.False(pacing.Due(2));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(pacing.Due(2));

        pacing.Started();
        time.Advance(TimeSpan.FromSeconds(3));
        pacing.Completed(2);
        time.Advance(TimeSpan.FromSeconds(4)); // 7 s after the start of a 3 s run: not yet 15 s, nor the longest 8 s
        Assert.False(pacing.Due(3));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(pacing.Due(3));
    }

    [Fact]
    public void A_run_that_did_not_complete_leaves_the_changes_due()
    {
        var time = new FakeTimeProvider();
        var pacing = new BuildPacing(time, TimeSpan.FromSeconds(10));
        pacing.Started();
        pacing.Completed(4);
        pacing.Started(); // a checkpoint the store failed: Completed is not called
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(pacing.Due(5));
    }

    [Fact]
    public void An_unchanged_catalog_still_runs_at_the_idle_refresh()
    {
        var time = new FakeTimeProvider();
        var pacing = new BuildPacing(time, TimeSpan.FromSeconds(8), idleRefresh: TimeSpan.FromSeconds(30));
        pacing.Started();
        pacing.Completed(3);
        time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(pacing.Due(3));
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.True(pacing.Due(3));
    }

    [Fact]
    public void A_tick_a_few_milliseconds_short_of_the_bound_counts_as_the_bound()
    {
        var time = new FakeTimeProvider();
        var pacing = new BuildPacing(time, TimeSpan.FromSeconds(10), costFactor: 0);
        pacing.Started();
        time.Advance(TimeSpan.FromSeconds(3));
        pacing.Completed(1);
        time.Advance(TimeSpan.FromSeconds(7) - TimeSpan.FromMilliseconds(5)); // the next tick, measured from the start
        Assert.True(pacing.Due(2));

        var spaced = new BuildPacing(time, TimeSpan.FromSeconds(8));
        spaced.Started();
        time.Advance(TimeSpan.FromSeconds(3));
        spaced.Completed(1);
        time.Advance(TimeSpan.FromSeconds(5) - TimeSpan.FromMilliseconds(5)); // 4 ticks of 2 s, a little short
        Assert.True(spaced.Due(2));
    }
}
