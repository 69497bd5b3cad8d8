using ApiSentinel.Collector.Kubernetes.Endpoints;
using ApiSentinel.Collector.Kubernetes.Writes;
using k8s.Autorest;
using static ApiSentinel.Collector.Kubernetes.Tests.Endpoints.InMemoryApiEndpointWriter;
using static ApiSentinel.Collector.Kubernetes.Tests.Endpoints.SinkFixture;

namespace ApiSentinel.Collector.Kubernetes.Tests.Endpoints;

/// <summary>Failures the sink must neither loop on nor die of: a missing status subresource, refused credentials, broken answers.</summary>
public class SinkFailureTests
{
    [Fact]
    public async Task A_404_on_the_status_right_after_the_apply_backs_off_instead_of_re_applying_every_flush()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        // A CRD installed without the status subresource: the object applies, its /status is 404.
        var writer = new InMemoryApiEndpointWriter { Fault = static (verb, _) => verb == ApplyStatus ? 404 : null };
        var counters = new KubernetesSinkCounters();
        var sink = Sink(catalog, writer, time, counters);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/a"));

        for (var i = 0; i < 30; i++)
        {
            await sink.FlushAsync(snapshot, default);
            time.Advance(Interval);
        }
        Assert.Equal(1, writer.Count(Apply));
        // Backing off: far fewer status attempts than flushes, and each one counted.
        Assert.InRange(writer.Count(ApplyStatus), 2, 15);
        Assert.Equal(writer.Count(ApplyStatus), counters.FailuresOf(WriteFailureReasons.NotFound));
        Assert.Equal(1, sink.Pending);
    }

    [Fact]
    public async Task A_403_pauses_the_whole_sink_rather_than_trying_every_endpoint()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter { Fault = static (verb, _) => verb == List ? null : 403 };
        var counters = new KubernetesSinkCounters();
        var sink = Sink(catalog, writer, time, counters);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync([.. "abcdefgh".Select(c => catalog.Call("GET", "/items", host: $"{c}.example"))]);

        Assert.Equal(1, await sink.FlushAsync(snapshot, default));
        Assert.True(sink.PausedUntil > time.GetUtcNow());
        Assert.Equal(0, await sink.FlushAsync(snapshot, default));
        Assert.Equal(1, counters.FailuresOf(WriteFailureReasons.Forbidden));
        Assert.Equal(1, counters.Backoffs);

        writer.Fault = static (_, _) => null;
        time.Advance(TimeSpan.FromSeconds(31));
        await sink.FlushAsync(snapshot, default);
        Assert.Equal(8, writer.Objects.Count);
    }

    [Fact]
    public async Task A_lasting_403_is_logged_at_most_once_per_interval_while_every_refusal_is_counted()
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        var writer = new InMemoryApiEndpointWriter { Fault = static (verb, _) => verb == List ? null : 403 };
        var counters = new KubernetesSinkCounters();
        var log = new CountingLogger();
        var sink = Sink(catalog, writer, time, counters, log: log);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/a"));

        // Ten minutes of refusals, a flush every second: the pauses cap at 30 s, so some twenty refusals.
        for (var i = 0; i < 600; i++)
        {
            await sink.FlushAsync(snapshot, default);
            time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.True(counters.FailuresOf(WriteFailureReasons.Forbidden) >= 10);
        Assert.InRange(log.Errors, 2, 3);
    }

    private sealed class CountingLogger : Microsoft.Extensions.Logging.ILogger<ApiEndpointSink>
    {
        public int Errors { get; private set; }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
            Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= Microsoft.Extensions.Logging.LogLevel.Error)
            {
                Errors++;
            }
        }
    }

    public static TheoryData<string> BrokenAnswers => ["no-response", "malformed"];

    [Theory]
    [MemberData(nameof(BrokenAnswers))]
    public async Task A_request_without_a_response_or_with_a_malformed_answer_pauses_and_recovers(string kind)
    {
        var time = Clock();
        await using var catalog = new TestCatalog(time);
        Exception error = kind == "no-response"
            ? new HttpOperationException("the connection closed")
            : new System.Text.Json.JsonException("'<' is an invalid start of a value");
        var writer = new InMemoryApiEndpointWriter();
        writer.Error = (verb, _) => verb == Apply ? error : null;
        var counters = new KubernetesSinkCounters();
        var sink = Sink(catalog, writer, time, counters);
        await sink.RestoreAsync(default);
        var snapshot = await catalog.IngestAsync(catalog.Call("GET", "/a"), catalog.Call("GET", "/b"));

        // Before: WriteFailure.Of said "not a request failure" and the exception stopped the sink for good.
        Assert.Equal(1, await sink.FlushAsync(snapshot, default));
        Assert.True(sink.PausedUntil > time.GetUtcNow());
        var reason = kind == "no-response" ? WriteFailureReasons.Unreachable : WriteFailureReasons.Malformed;
        Assert.Equal(1, counters.FailuresOf(reason));

        writer.Error = static (_, _) => null;
        time.Advance(TimeSpan.FromSeconds(31));
        await sink.FlushAsync(snapshot, default);
        Assert.Equal(2, writer.Objects.Count);
    }

    [Fact]
    public void Broken_answers_are_classified_as_server_wide()
    {
        var noResponse = WriteFailure.Of(new HttpOperationException("closed"), default);
        var malformed = WriteFailure.Of(new System.Text.Json.JsonException("bad"), default);
        var forbidden = WriteFailure.FromStatus(403, null);
        Assert.Equal(WriteFailureReasons.Unreachable, noResponse?.Reason);
        Assert.Equal(WriteFailureReasons.Malformed, malformed?.Reason);
        Assert.True(noResponse!.ServerWide);
        Assert.True(malformed!.ServerWide);
        Assert.True(forbidden.ServerWide);
        Assert.Null(WriteFailure.Of(new InvalidOperationException("a bug"), default));
    }
}
