using System.Net;
using Microsoft.Extensions.Time.Testing;

namespace ApiSentinel.FakeApiServer.Tests.Server;

public sealed class FaultTests
{
    [Fact]
    public async Task A_429_rule_answers_a_Status_with_Retry_After_for_its_count_of_requests()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        var rule = server.Faults.Fail(429, times: 2, verb: "patch", plural: TestCrds.Widgets, retryAfter: TimeSpan.FromSeconds(3));
        await api.PostAsync(Api.Widgets, Api.Widget("w"));

        using var first = await api.Http.PatchAsync($"{Api.Widgets}/w", new StringContent("{}", null, "application/merge-patch+json"));
        var (second, status) = await api.PatchAsync($"{Api.Widgets}/w", "{}", "application/merge-patch+json");
        var (third, _) = await api.PatchAsync($"{Api.Widgets}/w", "{}", "application/merge-patch+json");
        var (otherVerb, _) = await api.GetAsync($"{Api.Widgets}/w");

        Assert.Equal((HttpStatusCode)429, first.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(3), first.Headers.RetryAfter!.Delta);
        Assert.Equal((HttpStatusCode)429, second);
        Assert.Equal("TooManyRequests", status["reason"]!.GetValue<string>());
        Assert.Equal(3, status["details"]!["retryAfterSeconds"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, third);
        Assert.Equal(HttpStatusCode.OK, otherVerb);
        Assert.Equal(2, rule.Hits);
    }

    [Fact]
    public async Task A_503_rule_for_a_duration_ends_on_the_server_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (server, api) = await Api.StartAsync(new FakeKubeOptions { Time = clock });
        await using var _ = server;
        using var __ = api;
        server.Faults.Fail(503, forDuration: TimeSpan.FromSeconds(10));

        var (during, status) = await api.GetAsync(Api.ConfigMaps);
        clock.Advance(TimeSpan.FromSeconds(10));
        var (after, _) = await api.GetAsync(Api.ConfigMaps);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, during);
        Assert.Equal("ServiceUnavailable", status["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, after);
    }

    [Fact]
    public async Task A_delay_holds_matching_requests_until_the_server_clock_passes_it()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var (server, api) = await Api.StartAsync(new FakeKubeOptions { Time = clock });
        await using var _ = server;
        using var __ = api;
        server.Faults.Delay(TimeSpan.FromSeconds(5), verb: "list", plural: "configmaps");

        var delayed = api.GetAsync(Api.ConfigMaps);
        var (undelayed, _) = await api.GetAsync($"{Api.ConfigMaps}/missing");
        // The unrelated request got through while the list still waits for the clock.
        Assert.Equal(HttpStatusCode.NotFound, undelayed);
        Assert.False(delayed.IsCompleted);
        while (!delayed.IsCompleted)
        {
            clock.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(delayed, Task.Delay(50));
        }

        Assert.Equal(HttpStatusCode.OK, (await delayed).Code);
    }

    [Fact]
    public async Task A_rule_restricted_to_a_namespace_and_the_status_subresource_spares_everything_else()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        await api.PostAsync(Api.Widgets, Api.Widget("w"));
        var rule = server.Faults.Fail(503, verb: "patch");
        rule.Namespace = "default";
        rule.Subresource = "status";

        var (status, _) = await api.PatchAsync($"{Api.Widgets}/w/status", """{"status":{"phase":"Ready"}}""", "application/merge-patch+json");
        var (main, _) = await api.PatchAsync($"{Api.Widgets}/w", """{"spec":{"size":2}}""", "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal(HttpStatusCode.OK, main);
        Assert.Equal(1, rule.Hits);
    }

    [Fact]
    public async Task Clear_removes_every_rule_and_the_request_log_records_faults()
    {
        var (server, api) = await Api.StartAsync();
        await using var _ = server;
        using var __ = api;
        server.Faults.Fail(500);
        var (failed, _) = await api.GetAsync(Api.ConfigMaps);

        server.Faults.Clear();
        var (served, _) = await api.GetAsync(Api.ConfigMaps);

        Assert.Equal(HttpStatusCode.InternalServerError, failed);
        Assert.Equal(HttpStatusCode.OK, served);
        var lists = server.Requests.Where(r => r.Verb == "list" && r.Plural == "configmaps");
        Assert.Equal([500, 200], lists.Select(r => r.Status));
    }
}
