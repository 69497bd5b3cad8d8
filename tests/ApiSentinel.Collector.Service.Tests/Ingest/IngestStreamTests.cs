using ApiSentinel.Collector.Service.Tests.Infrastructure;
using ApiSentinel.Ingest.V1Alpha1;
using Grpc.Core;

namespace ApiSentinel.Collector.Service.Tests.Ingest;

public sealed class IngestStreamTests
{
    [Fact]
    public async Task Batches_are_acknowledged_and_their_calls_appear_in_the_api()
    {
        await using var collector = await TestCollector.StartAsync();
        await using var sensor = await collector.SensorAsync();
        Assert.Equal(0UL, sensor.HelloAck);
        Assert.Equal(1UL, await sensor.SendAsync(1, TestCalls.Users("shop.test", 40)));
        Assert.Equal(2UL, await sensor.SendAsync(2, [TestCalls.Call("shop.test", "/api/orders", 201, method: "POST")]));

        var catalog = await collector.WaitForAsync("/api/v1/endpoints", c => TestCollector.TotalRequests(c) == 41);
        var endpoints = catalog.GetProperty("endpoints").EnumerateArray()
            .Select(e => $"{e.GetProperty("method").GetString()} {e.GetProperty("path").GetString()} {e.GetProperty("requests").GetInt64()}")
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["GET /api/users/{userId} 40", "POST /api/orders 1"], endpoints);

        var sensors = await collector.GetJsonAsync("/api/v1/sensors");
        var entry = Assert.Single(sensors.GetProperty("sensors").EnumerateArray());
        Assert.Equal("sensor-a", entry.GetProperty("sensorId").GetString());
        Assert.True(entry.GetProperty("connected").GetBoolean());
        Assert.Equal(41, entry.GetProperty("callsReceived").GetInt64());
        Assert.Equal(2, entry.GetProperty("batches").GetInt64());
        Assert.Equal("replay", entry.GetProperty("captureMode").GetString());
    }

    [Fact]
    public async Task A_resent_batch_is_acknowledged_again_and_not_counted_twice()
    {
        await using var collector = await TestCollector.StartAsync();
        var instance = Guid.NewGuid().ToString("N");
        await using (var first = await collector.SensorAsync(instanceId: instance))
        {
            Assert.Equal(1UL, await first.SendAsync(1, TestCalls.Users("shop.test", 10)));
            Assert.Equal(2UL, await first.SendAsync(2, TestCalls.Users("shop.test", 10, first: 10)));
            // Resent on the same stream: acknowledged with the highest contiguous sequence, not ingested.
            Assert.Equal(2UL, await first.SendAsync(1, TestCalls.Users("shop.test", 10)));
        }
        // A reconnect of the same instance is told what the collector holds, and its resends are discarded.
        await using var again = await collector.SensorAsync(instanceId: instance);
        Assert.Equal(2UL, again.HelloAck);
        Assert.Equal(2UL, await again.SendAsync(2, TestCalls.Users("shop.test", 10, first: 10)));
        Assert.Equal(3UL, await again.SendAsync(3, TestCalls.Users("shop.test", 5, first: 20)));

        var catalog = await collector.WaitForAsync("/api/v1/endpoints", c => TestCollector.TotalRequests(c) >= 25);
        await Task.Delay(300); // a few more builds: a double count would show by now
        catalog = await collector.GetJsonAsync("/api/v1/endpoints");
        Assert.Equal(25, TestCollector.TotalRequests(catalog));
        var sensors = await collector.GetJsonAsync("/api/v1/sensors");
        Assert.Equal(2, Assert.Single(sensors.GetProperty("sensors").EnumerateArray()).GetProperty("duplicates").GetInt64());
    }

    [Fact]
    public async Task A_gap_in_the_sequence_aborts_the_stream_and_nothing_of_it_is_ingested()
    {
        await using var collector = await TestCollector.StartAsync();
        await using var sensor = await collector.SensorAsync();
        Assert.Equal(1UL, await sensor.SendAsync(1, TestCalls.Users("shop.test", 3)));
        await sensor.WriteAsync(new SensorMessage { Batch = TestCalls.Batch(3, TestCalls.Users("gap.test", 7)) });
        Assert.Equal(StatusCode.FailedPrecondition, await sensor.EndAsync());

        // A marker through another sensor: once it is in the catalog, so would the gap batch be.
        await using var other = await collector.SensorAsync("sensor-b");
        await other.SendAsync(1, [TestCalls.Call("marker.test", "/ping")]);
        var catalog = await collector.WaitForAsync("/api/v1/endpoints", c => TestCollector.TotalRequests(c) == 4);
        Assert.DoesNotContain(catalog.GetProperty("endpoints").EnumerateArray(), e => e.GetProperty("host").GetString() == "gap.test");
    }

    [Fact]
    public async Task The_first_message_must_be_a_hello()
    {
        await using var collector = await TestCollector.StartAsync();
        using var channel = collector.Channel();
        var client = new ApiSentinel.Ingest.V1Alpha1.Ingest.IngestClient(channel);
        using var call = client.Stream(TestCollector.Bearer(TestCollector.Token));
        await call.RequestStream.WriteAsync(new SensorMessage { Batch = TestCalls.Batch(1, TestCalls.Users("shop.test", 1)) }).WaitAsync(TimeSpan.FromSeconds(60));
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task A_sensor_cancelled_mid_batch_leaves_the_collector_serving_the_others()
    {
        await using var collector = await TestCollector.StartAsync();
        await using var steady = await collector.SensorAsync("steady");
        Assert.Equal(1UL, await steady.SendAsync(1, TestCalls.Users("steady.test", 5)));

        var dying = await collector.SensorAsync("dying");
        Assert.Equal(1UL, await dying.SendAsync(1, TestCalls.Users("dying.test", 5)));
        // Half a batch goes out, then the stream is torn down.
        var write = dying.WriteAsync(new SensorMessage { Batch = TestCalls.Batch(2, TestCalls.Users("dying.test", 2000, first: 5)) });
        dying.Cancel();
        try
        {
            await write.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception e) when (e is RpcException or OperationCanceledException or InvalidOperationException or IOException)
        {
            // Torn down mid-write, as intended; whether the write had already gone out is the transport's business.
        }
        await dying.DisposeAsync();

        Assert.Equal(2UL, await steady.SendAsync(2, TestCalls.Users("steady.test", 5, first: 5)));
        await collector.WaitForAsync("/api/v1/endpoints", c =>
            c.GetProperty("endpoints").EnumerateArray().Any(e => e.GetProperty("host").GetString() == "steady.test" && e.GetProperty("requests").GetInt64() == 10));
        var sensors = await collector.WaitForAsync("/api/v1/sensors", s =>
            s.GetProperty("sensors").EnumerateArray().Any(x => x.GetProperty("sensorId").GetString() == "dying" && !x.GetProperty("connected").GetBoolean()));
        Assert.Contains(sensors.GetProperty("sensors").EnumerateArray(), x => x.GetProperty("sensorId").GetString() == "steady" && x.GetProperty("connected").GetBoolean());
        Assert.True(await collector.Http.GetAsync(new Uri("/healthz", UriKind.Relative)) is { IsSuccessStatusCode: true });

        // All or nothing: the torn batch is in the catalog whole (stored before the stream died) or not at all. The
        // dying stream was closed, so anything it ingested is queued before steady's batch 3: the build showing that
        // batch shows it too.
        Assert.Equal(3UL, await steady.SendAsync(3, TestCalls.Users("steady.test", 5, first: 10)));
        var catalog = await collector.WaitForAsync("/api/v1/endpoints", c =>
            c.GetProperty("endpoints").EnumerateArray().Any(e => e.GetProperty("host").GetString() == "steady.test" && e.GetProperty("requests").GetInt64() == 15));
        var dyingCalls = catalog.GetProperty("endpoints").EnumerateArray()
            .Where(e => e.GetProperty("host").GetString() == "dying.test").Sum(e => e.GetProperty("requests").GetInt64());
        Assert.True(dyingCalls is 5 or 2005, $"the dying sensor's endpoint shows {dyingCalls} calls, not 5 or 2005");
    }

    [Fact]
    public async Task The_pushed_config_carries_only_what_the_sensor_can_apply()
    {
        await using var collector = await TestCollector.StartAsync(["--sampling-rate", "0.5", "--body-inspection-limit", "4096"]);
        using var channel = collector.Channel();
        var client = new ApiSentinel.Ingest.V1Alpha1.Ingest.IngestClient(channel);
        await using var able = await SensorStream.OpenAsync(client, collector.Channel(), TestCollector.Bearer(TestCollector.Token), "able", "i1",
            [ApiSentinel.Ingest.SensorCapabilities.Sampling]);
        Assert.Equal(0.5, able.Config!.SamplingRate);
        Assert.False(able.Config.HasBodyInspectionLimit);
    }

    [Fact]
    public async Task Sensor_status_counters_are_shown_and_queue_drops_counted_by_growth()
    {
        await using var collector = await TestCollector.StartAsync();
        await using var sensor = await collector.SensorAsync("counting");
        foreach (var dropped in new ulong[] { 5, 12 })
        {
            var status = new SensorStatus { TimestampMicros = TestCalls.Epoch };
            status.Counters["calls_dropped.queue_full"] = dropped;
            status.Counters["packets_captured"] = 1000 + dropped;
            await sensor.WriteAsync(new SensorMessage { Status = status });
        }
        // A batch after the statuses: its ack means both statuses were read.
        await sensor.SendAsync(1, [TestCalls.Call("shop.test", "/x")]);
        var sensors = await collector.GetJsonAsync("/api/v1/sensors");
        var counters = Assert.Single(sensors.GetProperty("sensors").EnumerateArray()).GetProperty("counters");
        Assert.Equal(12UL, counters.GetProperty("calls_dropped.queue_full").GetUInt64());
        Assert.Equal(1012UL, counters.GetProperty("packets_captured").GetUInt64());
        // Cumulative counters: the drop metric grows by the increase (5, then 7), not by each report.
        Assert.Equal(12, Metrics.Value(await collector.GetTextAsync("/metrics"), "calls_dropped", "sensor-queue-overflow"));
    }

    [Fact]
    public async Task Sensor_status_counters_are_bounded_in_number_and_name_length_and_the_refused_counted()
    {
        await using var collector = await TestCollector.StartAsync();
        await using var sensor = await collector.SensorAsync("flooding");
        var status = new SensorStatus { TimestampMicros = TestCalls.Epoch };
        for (var i = 0; i < 300; i++)
        {
            status.Counters[$"c{i:D3}"] = (ulong)i;
        }
        status.Counters[new string('x', 129)] = 1;
        status.Counters["calls_dropped.queue_full"] = 3;
        await sensor.WriteAsync(new SensorMessage { Status = status });
        await sensor.SendAsync(1, [TestCalls.Call("shop.test", "/x")]);

        var one = Assert.Single((await collector.GetJsonAsync("/api/v1/sensors")).GetProperty("sensors").EnumerateArray());
        var counters = one.GetProperty("counters").EnumerateObject().ToList();
        Assert.Equal(256, counters.Count);
        Assert.All(counters, c => Assert.True(c.Name.Length <= 128));
        Assert.Contains(counters, c => c.Name == "calls_dropped.queue_full"); // the one the collector reads is never pushed out
        Assert.Equal(302 - 256, one.GetProperty("countersRefused").GetInt64());
        Assert.Equal(3, Metrics.Value(await collector.GetTextAsync("/metrics"), "calls_dropped", "sensor-queue-overflow"));
    }

    [Fact]
    public async Task Many_sensors_at_once_are_each_counted_exactly()
    {
        const int Sensors = 8;
        const int Batches = 20;
        const int Calls = 50;
        await using var collector = await TestCollector.StartAsync();
        await Task.WhenAll(Enumerable.Range(0, Sensors).Select(async s =>
        {
            await using var sensor = await collector.SensorAsync($"sensor-{s}");
            for (var b = 1; b <= Batches; b++)
            {
                Assert.Equal((ulong)b, await sensor.SendAsync(b, TestCalls.Users($"host{s}.test", Calls, first: b * Calls)));
            }
            await sensor.CompleteAsync();
        })).WaitAsync(TimeSpan.FromSeconds(120));

        var catalog = await collector.WaitForAsync("/api/v1/endpoints", c => TestCollector.TotalRequests(c) >= Sensors * Batches * Calls);
        Assert.Equal(Sensors * Batches * Calls, TestCollector.TotalRequests(catalog));
        var sensors = (await collector.GetJsonAsync("/api/v1/sensors")).GetProperty("sensors").EnumerateArray().ToList();
        Assert.Equal(Sensors, sensors.Count);
        Assert.All(sensors, x => Assert.Equal(Batches * Calls, x.GetProperty("callsReceived").GetInt64()));
        Assert.All(sensors, x => Assert.False(x.GetProperty("connected").GetBoolean()));
    }
}
