using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Pipeline;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Tests.Pipeline;

/// <summary>The pipeline's clock: idle expiry and the order-wait bound without further packets.</summary>
public sealed class TrafficPipelineClockTests
{
    private const long Start = 1_767_225_600_000_000; // 2026-01-01T00:00:00Z in µs
    private const long Second = 1_000_000;

    [Fact]
    public void AdvanceClock_expires_an_idle_connection_and_delivers_its_exchange_without_another_packet()
    {
        var records = new List<ExchangeRecord>();
        var options = new SensorOptions { Reassembly = new ReassemblyOptions { IdleTimeout = TimeSpan.FromSeconds(30) } };
        var pipeline = new TrafficPipeline(options, records.Add);
        // A request whose response never comes: only the connection's closing can deliver it.
        new TcpConversation(pipeline, "192.0.2.10:40000", "198.51.100.20:80").Open(Start)
            .ClientSends("GET /orders/17 HTTP/1.1\r\nHost: api.example\r\n\r\n", Start + 1000);

        pipeline.AdvanceClock(Start + 20 * Second);
        Assert.Empty(records);
        Assert.Equal(1, pipeline.Statistics.Reassembly.ActiveConnections);

        pipeline.AdvanceClock(Start + 31 * Second);
        var record = Assert.Single(records);
        Assert.Equal("/orders/17", record.Path);
        Assert.Null(record.Status);
        Assert.Equal(1, pipeline.Statistics.Reassembly.IdleTimeouts);
        Assert.Equal(0, pipeline.Statistics.Reassembly.ActiveConnections);
    }

    [Fact]
    public void AdvanceClock_never_moves_time_back()
    {
        var records = new List<ExchangeRecord>();
        var options = new SensorOptions { Reassembly = new ReassemblyOptions { IdleTimeout = TimeSpan.FromSeconds(30) } };
        var pipeline = new TrafficPipeline(options, records.Add);
        new TcpConversation(pipeline, "192.0.2.10:40001", "198.51.100.20:80").Open(Start)
            .ClientSends("GET /a HTTP/1.1\r\nHost: api.example\r\n\r\n", Start);
        pipeline.AdvanceClock(Start + 31 * Second);
        Assert.Single(records);

        // A second connection, then a clock value from before the first, then a packet stamped in between: the
        // pipeline keeps its later time, so the packet counts as seen at Start + 31 s, and the connection is idle
        // 29 s later but not expired (had the clock gone back to Start, it would be seen at Start + 1 s: 59 s idle).
        var second = new TcpConversation(pipeline, "192.0.2.10:40002", "198.51.100.20:80").Open(Start + 31 * Second);
        pipeline.AdvanceClock(Start);
        second.ClientSends("GET /b HTTP/1.1\r\nHost: api.example\r\n\r\n", Start + Second);
        pipeline.AdvanceClock(Start + 60 * Second);
        Assert.Single(records);
        Assert.Equal(1, pipeline.Statistics.Reassembly.ActiveConnections);
        pipeline.AdvanceClock(Start + 61 * Second + 1);
        Assert.Equal(["/a", "/b"], records.Select(r => r.Path));
    }

    [Fact]
    public void Packets_stamped_before_the_last_tick_keep_live_connections_open()
    {
        // NTP steps the wall clock back 10 minutes: libpcap stamps and clock ticks both restart 10 minutes earlier.
        var records = new List<ExchangeRecord>();
        var options = new SensorOptions { Reassembly = new ReassemblyOptions { IdleTimeout = TimeSpan.FromSeconds(30) } };
        var pipeline = new TrafficPipeline(options, records.Add);
        var conversation = new TcpConversation(pipeline, "192.0.2.10:40003", "198.51.100.20:80").Open(Start);
        conversation.Exchange("/before", Start + 1000, Start + 2000);
        pipeline.AdvanceClock(Start + Second);

        long stepped = Start - 10 * 60 * Second;
        for (int i = 1; i <= 90; i++)
        {
            long now = stepped + i * Second;
            conversation.Exchange($"/after/{i}", now, now + 500);
            pipeline.AdvanceClock(now + 1000);
        }

        Assert.Equal(0, pipeline.Statistics.Reassembly.IdleTimeouts);
        Assert.Equal(1, pipeline.Statistics.Reassembly.ActiveConnections);
        Assert.Equal(91, records.Count);
        // The connection does expire once it really is idle for the timeout on the pipeline's clock.
        pipeline.AdvanceClock(Start + 32 * Second);
        Assert.Equal(1, pipeline.Statistics.Reassembly.IdleTimeouts);
    }

    [Fact]
    public void A_finished_exchange_waits_at_most_the_order_bound_behind_a_stalled_earlier_one()
    {
        var records = new List<ExchangeRecord>();
        var options = new SensorOptions { MaxOrderWaitMicros = SensorOptions.LiveMaxOrderWaitMicros };
        var pipeline = new TrafficPipeline(options, records.Add);
        // A long poll starts first and never answers; a quick exchange on another connection finishes after it.
        new TcpConversation(pipeline, "192.0.2.10:40010", "198.51.100.20:80").Open(Start)
            .ClientSends("GET /events/poll HTTP/1.1\r\nHost: api.example\r\n\r\n", Start);
        new TcpConversation(pipeline, "192.0.2.10:40011", "198.51.100.20:80").Open(Start + 100)
            .Exchange("/items", Start + 200, Start + 300);
        Assert.Empty(records); // in request order it waits behind the poll

        pipeline.AdvanceClock(Start + 300 + Second - 1);
        Assert.Empty(records);
        pipeline.AdvanceClock(Start + 300 + Second);
        Assert.Equal(["/items"], records.Select(r => r.Path));
        Assert.Equal(1, pipeline.Statistics.Orderer!.PassedOverByWait);

        // The poll's record is late, not lost.
        pipeline.Complete();
        Assert.Equal(["/items", "/events/poll"], records.Select(r => r.Path));
        Assert.Equal(1, pipeline.Statistics.Orderer.OutOfOrder);
    }

    [Fact]
    public void Without_the_order_bound_a_finished_exchange_waits_for_the_earlier_one()
    {
        var records = new List<ExchangeRecord>();
        var pipeline = new TrafficPipeline(new SensorOptions(), records.Add);
        new TcpConversation(pipeline, "192.0.2.10:40020", "198.51.100.20:80").Open(Start)
            .ClientSends("GET /events/poll HTTP/1.1\r\nHost: api.example\r\n\r\n", Start);
        new TcpConversation(pipeline, "192.0.2.10:40021", "198.51.100.20:80").Open(Start)
            .Exchange("/items", Start + 200, Start + 300);
        pipeline.AdvanceClock(Start + 60 * Second);
        Assert.Empty(records);
        Assert.Equal(0, pipeline.Statistics.Orderer!.PassedOverByWait);
    }
}
