using System.Net;
using System.Text.Json;
using ApiSentinel.Collector.Catalog;
using ApiSentinel.Collector.Reports;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Collector.Service.Tests.Infrastructure;
using ApiSentinel.Collector.Specs;
using ApiSentinel.Ingest;

namespace ApiSentinel.Collector.Service.Tests.Api;

public sealed class EndpointsApiTests : IAsyncLifetime
{
    private const long Total = 30 + 5 + 8 + 4;
    private DirectoryInfo _directory = null!;
    private TestCollector _collector = null!;
    private string _spec = null!;
    private JsonElement _all;

    public async Task InitializeAsync()
    {
        _directory = Directory.CreateTempSubdirectory("apisentinel-api-");
        _spec = ApiScenario.WriteSpec(_directory.FullName);
        _collector = await TestCollector.StartAsync(["--spec", _spec, "--checkpoint-interval", "00:00:00.200"], directory: _directory.FullName);
        await using var sensor = await _collector.SensorAsync("api-sensor");
        // One batch: the owner takes it as one item, so every build sees all of it or none (as analyze's single build does).
        Assert.Equal(1UL, await sensor.SendAsync(1, ApiScenario.Calls()));
        _all = await _collector.WaitForAsync("/api/v1/endpoints", c => TestCollector.TotalRequests(c) == Total);
        // Usage reaches the store at a checkpoint: wait until the range query sees the noon calls.
        await _collector.WaitForAsync("/api/v1/endpoints?since=2026-12-02T12:00:00Z", c => TestCollector.TotalRequests(c) == 4);
    }

    public async Task DisposeAsync()
    {
        await _collector.DisposeAsync();
        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task The_document_is_byte_for_byte_what_analyze_writes_for_the_same_calls()
    {
        var index = new SpecIndex();
        index.Add(ApiSpec.Load(_spec));
        var catalog = new ApiCatalog(new CatalogOptions(), index);
        foreach (var call in ApiScenario.Calls())
        {
            catalog.Ingest(CallMapping.FromWire(CallMapping.ToWire(call), "api-sensor"));
        }
        using var expected = new MemoryStream();
        CatalogJsonWriter.Write(expected, catalog.Build(), new ClientDirectory(new ExposureClassifier(), geo: null));

        var served = await _collector.Http.GetByteArrayAsync(new Uri("/api/v1/endpoints", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(System.Text.Encoding.UTF8.GetString(expected.ToArray()), System.Text.Encoding.UTF8.GetString(served));
    }

    [Fact]
    public async Task Host_risk_and_shadow_filters_select_what_they_say()
    {
        var endpoints = _all.GetProperty("endpoints").EnumerateArray().ToList();
        var hosts = await Keys("/api/v1/endpoints?host=ADMIN.test");
        Assert.Equal(Keys(endpoints.Where(e => e.GetProperty("host").GetString() == "admin.test")), hosts);
        Assert.NotEmpty(hosts);

        var shadow = await Keys("/api/v1/endpoints?shadow=true");
        Assert.Equal(["POST shop.test/api/orders"], shadow);
        var notShadow = await Keys("/api/v1/endpoints?shadow=false");
        Assert.Equal(Keys(endpoints).Except(shadow).Order(StringComparer.Ordinal), notShadow);

        var levels = endpoints.Select(e => RiskLevels.Rank(e.GetProperty("risk").GetProperty("level").GetString())).Distinct().Order().ToList();
        Assert.True(levels.Count >= 2, "the scenario needs endpoints of at least two risk levels: " + string.Join("; ", endpoints.Select(e => e.GetProperty("path").GetString() + " " + e.GetProperty("risk").ToString())));
        var minimum = RiskLevels.Ordered[levels[^1]];
        var risky = await Keys($"/api/v1/endpoints?risk={minimum}");
        Assert.Equal(Keys(endpoints.Where(e => RiskLevels.Rank(e.GetProperty("risk").GetProperty("level").GetString()) >= levels[^1])), risky);
        Assert.True(risky.Count < endpoints.Count);

        Assert.Equal(hosts.Intersect(risky).Order(StringComparer.Ordinal), await Keys($"/api/v1/endpoints?host=admin.test&risk={minimum}"));
    }

    [Fact]
    public async Task A_time_range_lists_endpoints_used_in_it_with_the_requests_of_the_range()
    {
        var noon = await _collector.GetJsonAsync("/api/v1/endpoints?since=2026-12-02T12:30:00Z");
        var only = Assert.Single(noon.GetProperty("endpoints").EnumerateArray());
        Assert.Equal("/api/orders", only.GetProperty("path").GetString());
        Assert.Equal(4, only.GetProperty("requests").GetInt64());

        var morning = await _collector.GetJsonAsync("/api/v1/endpoints?since=2026-12-02T10:00:00%2B00:00&until=2026-12-02T11:00:00Z");
        var counts = morning.GetProperty("endpoints").EnumerateArray().ToDictionary(e => e.GetProperty("path").GetString()!, e => e.GetProperty("requests").GetInt64());
        Assert.Equal(5, counts["/api/orders"]);
        Assert.Equal(30, counts["/api/users/{userId}"]);
        Assert.Equal(8, counts["/admin/config"]);

        var nothing = await _collector.GetJsonAsync("/api/v1/endpoints?until=2026-12-02T09:00:00Z");
        Assert.Empty(nothing.GetProperty("endpoints").EnumerateArray());
    }

    [Fact]
    public async Task A_nanosecond_fraction_is_accepted_as_Go_RFC3339Nano_writes_it()
    {
        var nano = await _collector.GetJsonAsync("/api/v1/endpoints?since=2026-12-02T12:30:00.123456789Z&until=2026-12-02T13:00:00.999999999%2B00:00");
        var only = Assert.Single(nano.GetProperty("endpoints").EnumerateArray());
        Assert.Equal("/api/orders", only.GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("risk=severe")]
    [InlineData("shadow=maybe")]
    [InlineData("since=yesterday")]
    [InlineData("since=2026-12-02T12:00:00")]
    [InlineData("since=2026-12-02T12:00:00Z&until=2026-12-02T11:00:00Z")]
    [InlineData("hots=shop.test")]
    [InlineData("host=a&host=b")]
    public async Task A_bad_filter_is_a_400_with_a_one_line_json_error(string query)
    {
        using var response = await _collector.Http.GetAsync(new Uri("/api/v1/endpoints?" + query, UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(60));
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Single(body.TrimEnd('\n').Split('\n'));
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(body).RootElement.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task One_endpoint_with_its_hourly_usage_and_404_for_an_unknown_id()
    {
        var orders = _all.GetProperty("endpoints").EnumerateArray().Single(e => e.GetProperty("path").GetString() == "/api/orders");
        var id = orders.GetProperty("identity").GetString();
        var one = await _collector.GetJsonAsync($"/api/v1/endpoints/{id}");
        Assert.Equal(id, one.GetProperty("identity").GetString());
        Assert.Equal(9, one.GetProperty("requests").GetInt64());
        var usage = one.GetProperty("usage").EnumerateArray()
            .Select(u => (u.GetProperty("hour").GetString(), u.GetProperty("requests").GetInt64(), u.GetProperty("errors").GetInt64())).ToList();
        Assert.Equal([("2026-12-02T10:00:00.000000Z", 5L, 0L), ("2026-12-02T12:00:00.000000Z", 4L, 0L)], usage);

        var admin = _all.GetProperty("endpoints").EnumerateArray().Single(e => e.GetProperty("host").GetString() == "admin.test");
        var adminUsage = Assert.Single((await _collector.GetJsonAsync($"/api/v1/endpoints/{admin.GetProperty("identity").GetString()}")).GetProperty("usage").EnumerateArray());
        Assert.Equal(4, adminUsage.GetProperty("errors").GetInt64()); // the 500s

        using var missing = await _collector.Http.GetAsync(new Uri("/api/v1/endpoints/get-no-such-endpoint-0123456789abcdef", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Findings_are_served_from_the_store_with_their_evidence()
    {
        var kinds = _all.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).Distinct().Order().ToList();
        Assert.NotEmpty(kinds);
        var stored = await _collector.WaitForAsync("/api/v1/findings", f => f.GetProperty("findings").GetArrayLength() > 0);
        var storedKinds = stored.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("kind").GetString()).Distinct().Order().ToList();
        Assert.Equal(kinds, storedKinds);
        Assert.All(stored.GetProperty("findings").EnumerateArray(), f => Assert.NotEqual(JsonValueKind.Undefined, f.GetProperty("evidence").ValueKind));
    }

    private async Task<List<string>> Keys(string path) => Keys((await _collector.GetJsonAsync(path)).GetProperty("endpoints").EnumerateArray());

    private static List<string> Keys(IEnumerable<JsonElement> endpoints) =>
        [.. endpoints.Select(e => $"{e.GetProperty("method").GetString()} {e.GetProperty("host").GetString()}{e.GetProperty("path").GetString()}").Order(StringComparer.Ordinal)];
}
