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
}
