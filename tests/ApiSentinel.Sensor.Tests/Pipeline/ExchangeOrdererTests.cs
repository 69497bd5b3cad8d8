using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Sensor.Tests.Pipeline;

public class ExchangeOrdererTests
{
    private static ExchangeRecord Record(long ts) => new()
    {
        TimestampMicros = ts, Client = "c", Server = "s", Auth = AuthObservation.None, Sensitive = [],
        RequestHeaderNames = [], ResponseHeaderNames = [], QueryParameters = [], Notes = [],
    };

    [Fact]
    public void Emits_in_start_order_whatever_the_completion_order()
    {
        var emitted = new List<long>();
        var orderer = new ExchangeOrderer(r => emitted.Add(r.TimestampMicros));
        var tickets = Enumerable.Range(0, 5).Select(i => orderer.OnExchangeStarted(i)).ToArray();
        foreach (var i in new[] { 3, 1, 4, 0, 2 })
        {
            orderer.OnExchangeCompleted(tickets[i], Record(i));
        }
        Assert.Equal([0, 1, 2, 3, 4], emitted);
        Assert.Equal(0, orderer.OutOfOrder);
    }

    [Fact]
    public void A_slow_exchange_is_passed_over_at_the_bound_and_emitted_late_not_lost()
    {
        var emitted = new List<long>();
        var orderer = new ExchangeOrderer(r => emitted.Add(r.TimestampMicros), maxPending: 3);
        var slow = orderer.OnExchangeStarted(0);
        for (var i = 1; i <= 5; i++)
        {
            orderer.OnExchangeCompleted(orderer.OnExchangeStarted(i), Record(i));
        }
        Assert.Equal([1, 2, 3, 4, 5], emitted);
        orderer.OnExchangeCompleted(slow, Record(0));
        Assert.Equal([1, 2, 3, 4, 5, 0], emitted);
        Assert.Equal(1, orderer.OutOfOrder);
    }

    [Fact]
    public void Flush_emits_what_waits_behind_a_ticket_that_never_completes()
    {
        var emitted = new List<long>();
        var orderer = new ExchangeOrderer(r => emitted.Add(r.TimestampMicros));
        _ = orderer.OnExchangeStarted(0);
        orderer.OnExchangeCompleted(orderer.OnExchangeStarted(1), Record(1));
        orderer.OnExchangeCompleted(orderer.OnExchangeStarted(2), Record(2));
        Assert.Empty(emitted);
        orderer.Flush();
        Assert.Equal([1, 2], emitted);
    }

    [Fact]
    public void A_ticket_redeemed_twice_is_emitted_late_and_never_blocks()
    {
        var emitted = new List<long>();
        var orderer = new ExchangeOrderer(r => emitted.Add(r.TimestampMicros));
        var first = orderer.OnExchangeStarted(0);
        orderer.OnExchangeCompleted(first, Record(0));
        orderer.OnExchangeCompleted(first, Record(9));
        orderer.OnExchangeCompleted(orderer.OnExchangeStarted(1), Record(1));
        orderer.Flush();
        Assert.Equal([0, 9, 1], emitted);
    }

    [Fact]
    public void With_a_wait_bound_a_record_leaves_once_it_has_waited_that_long_and_the_stalled_ticket_is_counted()
    {
        var emitted = new List<long>();
        var orderer = new ExchangeOrderer(r => emitted.Add(r.TimestampMicros), maxWaitMicros: 1_000);
        var slow = orderer.OnExchangeStarted(0);
        orderer.AdvanceTime(10);
        orderer.OnExchangeCompleted(orderer.OnExchangeStarted(1), Record(1));

        orderer.AdvanceTime(1_009);
        Assert.Empty(emitted);
        orderer.AdvanceTime(1_010);
        Assert.Equal([1], emitted);
        Assert.Equal(1, orderer.PassedOverByWait);
        Assert.Equal(0, orderer.PassedOverByCount);

        orderer.OnExchangeCompleted(slow, Record(0));
        Assert.Equal([1, 0], emitted);
        Assert.Equal(1, orderer.OutOfOrder);
    }

    [Fact]
    public void Each_waiting_record_has_its_own_deadline_and_finished_earlier_ones_keep_their_order()
    {
        var emitted = new List<long>();
        var orderer = new ExchangeOrderer(r => emitted.Add(r.TimestampMicros), maxWaitMicros: 1_000);
        var t = Enumerable.Range(0, 5).Select(i => orderer.OnExchangeStarted(i)).ToArray();
        // 0 stalls; 1 finishes at 0; 2 stalls; 3 finishes at 600, 4 at 700.
        orderer.AdvanceTime(0);
        orderer.OnExchangeCompleted(t[1], Record(1));
        orderer.AdvanceTime(600);
        orderer.OnExchangeCompleted(t[3], Record(3));
        orderer.AdvanceTime(700);
        orderer.OnExchangeCompleted(t[4], Record(4));

        orderer.AdvanceTime(1_000);
        Assert.Equal([1], emitted); // 3 has waited only 400
        orderer.AdvanceTime(1_599);
        Assert.Equal([1], emitted);
        orderer.AdvanceTime(1_600);
        Assert.Equal([1, 3, 4], emitted);
        Assert.Equal(2, orderer.PassedOverByWait);
        Assert.Equal(0, orderer.Waiting);
    }

    [Fact]
    public void Time_that_goes_back_does_not_shorten_a_wait()
    {
        var emitted = new List<long>();
        var orderer = new ExchangeOrderer(r => emitted.Add(r.TimestampMicros), maxWaitMicros: 1_000);
        _ = orderer.OnExchangeStarted(0);
        orderer.AdvanceTime(5_000);
        orderer.OnExchangeCompleted(orderer.OnExchangeStarted(1), Record(1));
        orderer.AdvanceTime(100); // an earlier file's timestamps, say
        orderer.OnExchangeCompleted(orderer.OnExchangeStarted(2), Record(2));
        orderer.AdvanceTime(5_999);
        Assert.Empty(emitted);
        orderer.AdvanceTime(6_000);
        Assert.Equal([1, 2], emitted);
    }

    [Fact]
    public void A_record_completed_after_time_went_back_waits_from_the_later_time()
    {
        var emitted = new List<long>();
        var orderer = new ExchangeOrderer(r => emitted.Add(r.TimestampMicros), maxWaitMicros: 1_000);
        _ = orderer.OnExchangeStarted(0); // stalls
        orderer.AdvanceTime(5_000);
        orderer.AdvanceTime(100);
        orderer.OnExchangeCompleted(orderer.OnExchangeStarted(1), Record(1));
        // Completed at 5 000 (time does not go back), so at 1 100 it has not waited 1 000.
        orderer.AdvanceTime(1_100);
        Assert.Empty(emitted);
        orderer.AdvanceTime(5_999);
        Assert.Empty(emitted);
        orderer.AdvanceTime(6_000);
        Assert.Equal([1], emitted);
        Assert.Equal(1, orderer.PassedOverByWait);
    }

    [Fact]
    public void The_count_bound_is_counted_separately()
    {
        var emitted = new List<long>();
        var orderer = new ExchangeOrderer(r => emitted.Add(r.TimestampMicros), maxPending: 1);
        _ = orderer.OnExchangeStarted(0);
        orderer.OnExchangeCompleted(orderer.OnExchangeStarted(1), Record(1));
        orderer.OnExchangeCompleted(orderer.OnExchangeStarted(2), Record(2));
        Assert.Equal([1, 2], emitted);
        Assert.Equal(1, orderer.PassedOverByCount);
        Assert.Equal(0, orderer.PassedOverByWait);
    }
}
