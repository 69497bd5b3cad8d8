using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.Cli.Tests;

/// <summary>HAR 1.2 input goes through the same extractor as packets: same redaction, same inspection.</summary>
public sealed class HarInputTests : IDisposable
{
    private const string Jwt = "eyJhbGciOiJub25lIn0.eyJzdWIiOiI0MiJ9.";
    private readonly string _dir = Directory.CreateTempSubdirectory("apisentinel-har-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonObject Entry(string method, string url, int status, string responseJson, params (string, string)[] headers) => new()
    {
        ["startedDateTime"] = "2026-11-22T10:00:00.123Z",
        ["time"] = 12.5,
        ["serverIPAddress"] = "203.0.113.10",
        ["request"] = new JsonObject
        {
            ["method"] = method, ["url"] = url, ["httpVersion"] = "HTTP/1.1",
            ["headers"] = new JsonArray(headers.Select(h => (JsonNode)new JsonObject { ["name"] = h.Item1, ["value"] = h.Item2 }).ToArray()),
        },
        ["response"] = new JsonObject
        {
            ["status"] = status, ["httpVersion"] = "HTTP/1.1",
            ["headers"] = new JsonArray(new JsonObject { ["name"] = "Content-Type", ["value"] = "application/json" }),
            ["content"] = new JsonObject { ["size"] = responseJson.Length, ["mimeType"] = "application/json", ["text"] = responseJson },
        },
    };

    private string WriteHar(params JsonObject[] entries)
    {
        var har = new JsonObject { ["log"] = new JsonObject { ["version"] = "1.2", ["entries"] = new JsonArray(entries) } };
        var path = Path.Combine(_dir, "traffic.har");
        File.WriteAllText(path, har.ToJsonString());
        return path;
    }

    [Fact]
    public void Har_entries_become_catalog_endpoints_with_auth_and_sensitive_data()
    {
        var har = WriteHar(
            Entry("GET", "https://api.shop.example/v2/customers/1001", 200, "{\"id\":1001,\"ssn\":\"536-90-4399\"}", ("Authorization", "Bearer " + Jwt)),
            Entry("GET", "https://api.shop.example/v2/customers/1002", 200, "{\"id\":1002,\"ssn\":\"412-67-3021\"}", ("Authorization", "Bearer " + Jwt)),
            Entry("GET", "https://api.shop.example/v2/customers/1003?token=s3cr3t-query-token", 200, "{\"id\":1003}"));
        var result = CliProcess.Run("analyze", "--har", har, "--format", "json", "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var e = Assert.Single(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("endpoints").EnumerateArray());
        Assert.Equal(("api.shop.example", "/v2/customers/{customerId}"), (e.GetProperty("host").GetString(), e.GetProperty("path").GetString()));
        Assert.Equal(3, e.GetProperty("requests").GetInt32());
        Assert.Equal(2, e.GetProperty("auth").GetProperty("schemes").GetProperty("jwt").GetInt32());
        Assert.Contains("none", e.GetProperty("auth").GetProperty("jwtAlgorithms").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains(e.GetProperty("sensitiveData").EnumerateArray(), s => s.GetProperty("type").GetString() == "us-ssn");
        foreach (var secret in new[] { "536-90-4399", "412-67-3021", "s3cr3t-query-token", Jwt })
        {
            Assert.DoesNotContain(secret, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Har_entries_are_exchanges_too()
    {
        var har = WriteHar(Entry("POST", "http://api.shop.example:8080/login", 401, "{}"));
        var result = CliProcess.Run("analyze", "--har", har, "--format", "json", "--quiet");
        var e = Assert.Single(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("endpoints").EnumerateArray());
        Assert.Equal("api.shop.example:8080", e.GetProperty("host").GetString());
        Assert.Equal(1, e.GetProperty("statusCodes").GetProperty("401").GetInt32());
    }

    [Fact]
    public void Custom_detectors_from_configuration_find_their_type_and_masked_samples_need_the_flag()
    {
        var har = WriteHar(Entry("GET", "https://hr.example/staff/7", 200, "{\"ref\":\"EMP-204871\",\"card\":\"4111111111111111\"}"));
        var config = Path.Combine(_dir, "sensitive.json");
        File.WriteAllText(config, "{\"customDetectors\":[{\"name\":\"employee-id\",\"pattern\":\"EMP-[0-9]{6}\"}]}");

        var plain = CliProcess.Run("analyze", "--har", har, "--sensitive-config", config, "--format", "json", "--quiet");
        Assert.True(plain.ExitCode == 0, plain.Stderr);
        var types = JsonDocument.Parse(plain.Stdout).RootElement.GetProperty("endpoints")[0].GetProperty("sensitiveData")
            .EnumerateArray().Select(s => s.GetProperty("type").GetString()).ToList();
        Assert.Contains("employee-id", types);
        Assert.Contains("credit-card", types);
        Assert.DoesNotContain("EMP-204871", plain.Stdout, StringComparison.Ordinal);

        // Masked samples leave only with the explicit option, and masked.
        var exchanges = Path.Combine(_dir, "demo.pcap");
        File.Copy(Path.Combine(RepositoryPaths.Samples, "demo.pcap"), exchanges);
        Assert.DoesNotContain("maskedSample", CliProcess.Run("exchanges", "--pcap", exchanges, "--quiet").Stdout, StringComparison.Ordinal);
        var masked = CliProcess.Run("exchanges", "--pcap", exchanges, "--quiet", "--masked-samples").Stdout;
        Assert.Contains("\"maskedSample\":\"4111********1111\"", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("4111111111111111", masked, StringComparison.Ordinal);

        var bad = Path.Combine(_dir, "bad.json");
        File.WriteAllText(bad, "{\"customDetectors\":[{\"name\":\"x\",\"pattern\":\"(\"}]}");
        var error = CliProcess.Run("analyze", "--har", har, "--sensitive-config", bad);
        Assert.Equal(2, error.ExitCode);
        Assert.Contains("--sensitive-config", Assert.Single(error.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_with_a_lone_surrogate_costs_that_field_not_the_run_and_control_characters_never_reach_the_table()
    {
        var good = Entry("GET", "https://api.shop.example/v2/ok", 200, "{}");
        var odd = Entry("GET", "https://api.shop.example/v2/odd", 200, "{}", ("X-Note", "a"));
        var path = WriteHar(good, odd);
        // JSON.stringify in browsers writes lone surrogates as escapes; and a method with a terminal escape.
        var text = File.ReadAllText(path).Replace("\"a\"", "\"a\\ud800b\"", StringComparison.Ordinal)
            .Replace("\"GET\",\"url\":\"https://api.shop.example/v2/ok", "\"GE\\u001b[2JT\",\"url\":\"https://api.shop.example/v2/ok", StringComparison.Ordinal);
        File.WriteAllText(path, text);
        var result = CliProcess.Run("analyze", "--har", path);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("/v2/odd", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Stdout);
    }

    [Fact]
    public void What_the_extractor_withheld_is_counted_in_the_summary()
    {
        var har = WriteHar(
            Entry("GET", "https://api.shop.example/v2/a", 200, "{\"alice.smith@mail.example.org\":1}"),
            Entry("GE\u0001T", "https://api.shop.example/v2/b", 200, "{}"),
            Entry("GET", "https://api.shop.example/v2/c", 200, "{}", ("Cookie", "4111111111111111=1")));
        var result = CliProcess.Run("analyze", "--har", har, "--format", "json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var summary = result.Stderr;
        Assert.Contains("1 JSON keys or form names that held data (reported as {key})", summary, StringComparison.Ordinal);
        Assert.Contains("1 invalid request methods (reported as INVALID)", summary, StringComparison.Ordinal);
        Assert.Contains("1 names withheld because they held data", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("alice.smith", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("4111111111111111", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("{\"log\": {}}")]
    public void A_file_that_is_not_a_har_is_one_clear_line(string content)
    {
        var path = Path.Combine(_dir, "bad.har");
        File.WriteAllText(path, content);
        var result = CliProcess.Run("analyze", "--har", path);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("not a HAR file", line, StringComparison.Ordinal);
    }
}
