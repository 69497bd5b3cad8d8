using ApiSentinel.Collector.Service.Ingest;
using ApiSentinel.Collector.Service.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.Collector.Service.Tests.Ingest;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task A_stream_without_the_right_token_is_refused_counted_and_ingests_nothing()
    {
        await using var collector = await TestCollector.StartAsync();
        foreach (var token in new[] { "wrong-token", null, "" })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => collector.SensorAsync("intruder", token: token));
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        }
        var metrics = await collector.GetTextAsync("/metrics");
        Assert.Equal(3, Metrics.Value(metrics, "streams_refused", "unauthenticated"));

        await using var honest = await collector.SensorAsync("honest");
        await honest.SendAsync(1, [TestCalls.Call("shop.test", "/ok")]);
        var sensors = await collector.GetJsonAsync("/api/v1/sensors");
        Assert.Equal(["honest"], sensors.GetProperty("sensors").EnumerateArray().Select(s => s.GetProperty("sensorId").GetString()));
    }

    [Fact]
    public async Task A_rotated_token_file_is_picked_up_and_the_old_token_stops_working()
    {
        var directory = Directory.CreateTempSubdirectory("apisentinel-token-");
        try
        {
            var file = Path.Combine(directory.FullName, "token");
            await File.WriteAllTextAsync(file, "first-token\n");
            var time = new FakeTimeProvider();
            var token = new SensorToken(file, time, NullLogger<SensorToken>.Instance);
            Assert.True(token.Matches("first-token"));
            Assert.False(token.Matches("first-token-and-more"));
            Assert.False(token.Matches(""));

            await File.WriteAllTextAsync(file, "second-token");
            time.Advance(SensorToken.RecheckAfter + TimeSpan.FromMilliseconds(1));
            Assert.True(token.Matches("second-token"));
            Assert.False(token.Matches("first-token"));

            // A rotation in progress (file briefly gone) keeps the last good token.
            File.Delete(file);
            time.Advance(SensorToken.RecheckAfter + TimeSpan.FromMilliseconds(1));
            Assert.True(token.Matches("second-token"));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
