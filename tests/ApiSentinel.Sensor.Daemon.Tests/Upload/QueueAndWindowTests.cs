using ApiSentinel.Ingest.V1Alpha1;
using ApiSentinel.Sensor.Daemon.Configuration;
using ApiSentinel.Sensor.Daemon.Upload;

namespace ApiSentinel.Sensor.Daemon.Tests.Upload;

public sealed class QueueAndWindowTests
{
    private static Call CallNumber(int i) => new() { Method = "GET", Path = $"/items/{i}", Host = "h", Server = "192.0.2.1:80", Status = 200 };

    [Fact]
    public void A_full_drop_oldest_queue_keeps_the_newest_calls_intact_in_order_and_counts_the_rest()
    {
        var counters = new UploadCounters();
        var queue = new CallQueue(3, QueueFullPolicy.DropOldest, counters, new AsyncSignal());
        for (int i = 0; i < 5; i++)
        {
            queue.Enqueue(CallNumber(i));
        }

        var taken = new List<Call>();
        Assert.Equal(3, queue.TakeUpTo(10, taken, []));

        Assert.Equal([CallNumber(2), CallNumber(3), CallNumber(4)], taken);
        Assert.Equal(2, counters.Dropped(DropReasons.QueueFull));
        Assert.Equal(5, counters.CallsQueued);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public void A_batch_is_cut_at_the_byte_cap_and_a_call_larger_than_the_cap_still_goes_alone()
    {
        var counters = new UploadCounters();
        var queue = new CallQueue(10, QueueFullPolicy.DropOldest, counters, new AsyncSignal());
        var big = CallNumber(0);
        big.Path = "/" + new string('a', 1000);
        for (int i = 0; i < 4; i++)
        {
            queue.Enqueue(big);
        }
        int oneCall = Google.Protobuf.MessageExtensions.ToByteArray(big).Length + 6;

        var taken = new List<Call>();
        Assert.Equal(2, queue.TakeUpTo(10, taken, [], maxBytes: (2 * oneCall) + 10));
        Assert.Equal(1, queue.TakeUpTo(10, taken, [], maxBytes: 10));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public async Task A_waiting_producer_resumes_when_the_uploader_takes_and_a_closed_queue_releases_it()
    {
        var counters = new UploadCounters();
        var queue = new CallQueue(1, QueueFullPolicy.Wait, counters, new AsyncSignal());
        queue.Enqueue(CallNumber(0));
        var second = Task.Run(() => queue.Enqueue(CallNumber(1)));
        await Task.Delay(100);
        Assert.False(second.IsCompleted, "a producer on a full wait-queue waits");

        var taken = new List<Call>();
        queue.TakeUpTo(1, taken, []);
        await second.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, queue.Count);

        var third = Task.Run(() => queue.Enqueue(CallNumber(2)));
        Assert.Equal(1, queue.Close());
        await third.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, counters.Dropped(DropReasons.Shutdown));
        Assert.Equal(0, counters.Dropped(DropReasons.QueueFull));
    }

    [Fact]
    public void The_window_numbers_batches_from_1_releases_on_ack_and_resends_the_rest_unchanged()
    {
        var window = new InFlightWindow(3);
        var first = Number(window, 1, 2);
        var second = Number(window, 3);
        var third = Number(window, 4);

        Assert.Equal([1UL, 2UL, 3UL], new[] { first.Sequence, second.Sequence, third.Sequence });
        Assert.True(window.IsFull);
        Assert.Equal(4, window.Calls);

        Assert.Equal(2, window.Acknowledge(1));
        Assert.Equal(0, window.Acknowledge(1)); // a repeated ack releases nothing
        Assert.Equal([second, third], window.Unacknowledged().Select(b => b.Decode()));

        // An ack beyond what was sent releases only what was sent, and the next number continues the sequence.
        Assert.Equal(2, window.Acknowledge(99));
        Assert.Equal(0, window.Count);
        Assert.Equal(4UL, Number(window, 5).Sequence);
    }

    [Fact]
    public void A_restarted_sequence_renumbers_what_is_held_from_1_and_keeps_the_calls()
    {
        var window = new InFlightWindow(4);
        Number(window, 1);
        Number(window, 2);
        Number(window, 3);
        window.Acknowledge(1);

        window.RestartSequence();

        var resend = window.Unacknowledged().Select(b => b.Decode()).ToList();
        Assert.Equal([1UL, 2UL], resend.Select(b => b.Sequence));
        Assert.Equal([CallNumber(2), CallNumber(3)], resend.SelectMany(b => b.Calls));
        Assert.Equal(0UL, window.Acknowledged);
        Assert.Equal(3UL, Number(window, 4).Sequence);
    }

    private static CallBatch Number(InFlightWindow window, params int[] calls)
    {
        var list = calls.Select(CallNumber).ToList();
        return window.Number(list, [.. list.Select(Google.Protobuf.MessageExtensions.ToByteArray)]);
    }
}
