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
        var har = new JsonObject { ["log"] = new JsonObject { ["version"] = "1.2", ["entries"] = new JsonArray(entries.Select(e => e.DeepClone()).ToArray()) } };
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
    public void The_body_limit_bounds_the_sensitive_text_scan_too()
    {
        // A card number 100 KB into a plain-text body: past the default 64 KiB, inside a raised --body-limit. The
        // text scan once kept its own 64 KiB whatever the limit said.
        var entry = Entry("GET", "https://docs.example/export.txt", 200, "{}");
        var text = new string(' ', 100_000) + "card 4111111111111111 end";
        entry["response"]!["headers"] = new JsonArray(new JsonObject { ["name"] = "Content-Type", ["value"] = "text/plain" });
        entry["response"]!["content"] = new JsonObject { ["size"] = text.Length, ["mimeType"] = "text/plain", ["text"] = text };
        var har = WriteHar(entry);

        string[] Types(params string[] extra)
        {
            var result = CliProcess.Run(["analyze", "--har", har, "--format", "json", "--quiet", .. extra]);
            Assert.True(result.ExitCode == 0, result.Stderr);
            var root = JsonDocument.Parse(result.Stdout).RootElement;
            return root.GetProperty("endpoints").EnumerateArray().Concat(root.GetProperty("staticAssets").EnumerateArray())
                .SelectMany(e => e.GetProperty("sensitiveData").EnumerateArray()).Select(s => s.GetProperty("type").GetString()!).ToArray();
        }

        Assert.DoesNotContain("credit-card", Types());
        Assert.Contains("credit-card", Types("--body-limit", "262144"));
    }

    [Fact]
    public void Basic_auth_recorded_over_https_is_not_basic_over_plaintext()
    {
        // A browser records https traffic decrypted: the entry's scheme, not the parser, says how it travelled.
        const string basic = "Basic YWxpY2U6czNjcjN0";
        var har = WriteHar(
            Entry("GET", "https://secure.shop.example/v2/account", 200, "{}", ("Authorization", basic)),
            Entry("GET", "http://legacy.shop.example/v2/account", 200, "{}", ("Authorization", basic)));
        var result = CliProcess.Run("analyze", "--har", har, "--format", "json", "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var endpoints = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("endpoints").EnumerateArray()
            .ToDictionary(e => e.GetProperty("host").GetString()!);

        static string[] Issues(JsonElement e) => e.GetProperty("auth").GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("kind").GetString()!).ToArray();
        static double Transport(JsonElement e) => e.GetProperty("risk").GetProperty("factors").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "transport").GetProperty("points").GetDouble();

        var tls = endpoints["secure.shop.example"];
        Assert.DoesNotContain("basic-over-plaintext", Issues(tls));
        Assert.Equal((0, 1), (tls.GetProperty("transport").GetProperty("plaintext").GetInt32(), tls.GetProperty("transport").GetProperty("tls").GetInt32()));
        Assert.Equal(0, Transport(tls));
        var plain = endpoints["legacy.shop.example"];
        Assert.Contains("basic-over-plaintext", Issues(plain));
        Assert.Equal(1, plain.GetProperty("transport").GetProperty("plaintext").GetInt32());
        Assert.True(Transport(plain) > 0);
        Assert.DoesNotContain("YWxpY2U6czNjcjN0", result.Stdout, StringComparison.Ordinal);
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

    private static JsonElement OnlyEndpoint(CliProcess.Result result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        return Assert.Single(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("endpoints").EnumerateArray());
    }

    /// <summary>A random 16-digit number that passes Luhn, with a common test prefix.</summary>
    private static string CardNumber(Random random)
    {
        var digits = "4".Concat(Enumerable.Range(0, 14).Select(_ => (char)('0' + random.Next(10)))).Select(c => c - '0').ToList();
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var d = digits[14 - i];
            sum += i % 2 == 0 ? (d * 2 > 9 ? (d * 2) - 9 : d * 2) : d;
        }
        digits.Add((10 - (sum % 10)) % 10);
        return string.Concat(digits);
    }

    [Fact]
    public void A_har_client_is_unknown_never_external_and_never_a_client()
    {
        var har = WriteHar(
            Entry("GET", "http://api.shop.example/v2/items", 200, "{\"id\":1}"),
            Entry("DELETE", "http://api.shop.example/v2/items/7", 204, ""));
        var result = CliProcess.Run("analyze", "--har", har, "--format", "json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        foreach (var e in root.GetProperty("endpoints").EnumerateArray())
        {
            Assert.Equal("unknown", e.GetProperty("exposure").GetString());
            Assert.Empty(e.GetProperty("clients").EnumerateArray());
            var exposure = e.GetProperty("risk").GetProperty("factors").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "exposure");
            Assert.Equal(0, exposure.GetProperty("points").GetDouble());
        }
        Assert.DoesNotContain("from external clients", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("0.0.0.0", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("no client address", result.Stderr, StringComparison.Ordinal);
        foreach (var format in new[] { "yaml", "table" })
        {
            var other = CliProcess.Run("analyze", "--har", har, "--format", format, "--quiet");
            Assert.DoesNotContain("0.0.0.0", other.Stdout, StringComparison.Ordinal);
            // yaml names the count (externalCalls: 0); no client and no exposure is ever called external.
            Assert.DoesNotContain("\"external\"", other.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("external: true", other.Stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("external ", other.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json")]
    [InlineData("multipart/form-data; boundary=x")]
    public void Post_data_params_meet_the_same_extractor_as_text(string mimeType)
    {
        var random = new Random(mimeType.Length);
        var card = CardNumber(random);
        var email = $"buyer{random.Next(1000, 9999)}@shop.example";
        var entry = Entry("POST", "http://api.shop.example/checkout", 200, "{}", ("Content-Type", mimeType));
        entry["request"]!["postData"] = new JsonObject
        {
            ["mimeType"] = mimeType,
            ["params"] = new JsonArray(
                new JsonObject { ["name"] = "card_number", ["value"] = card },
                new JsonObject { ["name"] = "contact", ["value"] = email },
                new JsonObject { ["name"] = "quantity", ["value"] = "2" }),
        };
        var result = CliProcess.Run("analyze", "--har", WriteHar(entry), "--format", "json", "--quiet");
        var e = OnlyEndpoint(result);
        var found = e.GetProperty("sensitiveData").EnumerateArray()
            .Select(x => (x.GetProperty("type").GetString(), x.GetProperty("direction").GetString())).ToList();
        Assert.Contains(("credit-card", "request"), found);
        Assert.Contains(("email", "request"), found);
        if (mimeType == "application/json")
        {
            var fields = e.GetProperty("requestFields").EnumerateArray().Select(f => f.GetProperty("name").GetString()).ToList();
            Assert.Contains("$.card_number", fields);
            Assert.Contains("$.quantity", fields);
        }
        foreach (var secret in new[] { card, email, Uri.EscapeDataString(email) })
        {
            Assert.DoesNotContain(secret, result.Stdout, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Post_data_text_wins_over_params_and_empty_params_are_no_body()
    {
        var withText = Entry("POST", "http://api.shop.example/a", 200, "{}");
        withText["request"]!["postData"] = new JsonObject
        {
            ["mimeType"] = "application/json", ["text"] = "{\"ssn\":\"536-90-4399\"}",
            ["params"] = new JsonArray(new JsonObject { ["name"] = "other", ["value"] = "x" }),
        };
        var e = OnlyEndpoint(CliProcess.Run("analyze", "--har", WriteHar(withText), "--format", "json", "--quiet"));
        Assert.Contains(e.GetProperty("sensitiveData").EnumerateArray(), x => x.GetProperty("type").GetString() == "us-ssn");
        Assert.DoesNotContain(e.GetProperty("requestFields").EnumerateArray(), f => f.GetProperty("name").GetString() == "$.other");

        var empty = Entry("POST", "http://api.shop.example/b", 200, "{}");
        empty["request"]!["postData"] = new JsonObject { ["mimeType"] = "application/x-www-form-urlencoded", ["params"] = new JsonArray() };
        var b = OnlyEndpoint(CliProcess.Run("analyze", "--har", WriteHar(empty), "--format", "json", "--quiet"));
        Assert.Empty(b.GetProperty("requestFields").EnumerateArray());
    }

    [Theory]
    [InlineData("GET", 304, false)]
    [InlineData("GET", 204, false)]
    [InlineData("GET", 101, false)]
    [InlineData("HEAD", 200, false)]
    [InlineData("GET", 200, true)]
    [InlineData("GET", 400, true)]
    public void A_cached_or_bodiless_response_body_is_not_inspected(string method, int status, bool inspected)
    {
        // Browsers record the cached body on a 304 entry: it never crossed the wire in this exchange.
        var har = WriteHar(Entry(method, "http://api.shop.example/v2/profile", status, "{\"ssn\":\"536-90-4399\",\"name\":\"x\"}"));
        var e = OnlyEndpoint(CliProcess.Run("analyze", "--har", har, "--format", "json", "--quiet"));
        Assert.Equal(inspected, e.GetProperty("sensitiveData").EnumerateArray().Any());
        Assert.Equal(inspected, e.GetProperty("responseFields").EnumerateArray().Any());
    }

    [Fact]
    public void Static_assets_are_listed_apart_and_a_key_in_a_script_is_a_finding()
    {
        var script = Entry("GET", "http://shop.example/static/app.js", 200, "const k = \"AKIAIOSFODNN7EXAMPLE\";");
        script["response"]!["headers"] = new JsonArray(new JsonObject { ["name"] = "Content-Type", ["value"] = "application/javascript" });
        script["response"]!["content"]!["mimeType"] = "application/javascript";
        script["_resourceType"] = "script";
        var page = Entry("GET", "http://shop.example/", 200, "<html></html>");
        page["response"]!["headers"] = new JsonArray(new JsonObject { ["name"] = "Content-Type", ["value"] = "text/html" });
        page["_resourceType"] = "document";
        var image = Entry("GET", "http://shop.example/logo", 200, "");
        image["response"]!["headers"] = new JsonArray();
        image["_resourceType"] = "image"; // no content type: the browser's label decides
        var api = Entry("DELETE", "http://shop.example/api/carts/12", 200, "{}");
        api["_resourceType"] = "fetch";
        var result = CliProcess.Run("analyze", "--har", WriteHar(script, page, image, api), "--format", "json", "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(["/api/carts/{cartId}"], root.GetProperty("endpoints").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
        Assert.Equal(["/", "/logo", "/static/app.js"], root.GetProperty("staticAssets").EnumerateArray().Select(e => e.GetProperty("path").GetString()).Order());
        var finding = Assert.Single(root.GetProperty("findings").EnumerateArray());
        Assert.Equal("secret-in-static-asset", finding.GetProperty("kind").GetString());
        Assert.Equal(JsonValueKind.Null, finding.GetProperty("client").ValueKind);
        Assert.Contains("GET shop.example/static/app.js", finding.GetProperty("endpoints").EnumerateArray().Select(x => x.GetString()));
        Assert.DoesNotContain("AKIAIOSFODNN7EXAMPLE", result.Stdout, StringComparison.Ordinal);

        var table = CliProcess.Run("analyze", "--har", WriteHar(script, page, image, api), "--quiet").Stdout;
        var lines = table.Split('\n');
        var assets = Array.FindIndex(lines, l => l.StartsWith("STATIC ASSETS", StringComparison.Ordinal));
        Assert.True(assets > 0, table);
        Assert.Contains("/api/carts/", string.Join('\n', lines[..assets]), StringComparison.Ordinal);
        Assert.DoesNotContain("/static/app.js", string.Join('\n', lines[..assets]), StringComparison.Ordinal);
        Assert.Contains("no auth on DELETE", string.Join('\n', lines[..assets]), StringComparison.Ordinal);
    }

    [Fact]
    public void Digit_strings_stay_strings_in_the_reconstructed_openapi_and_integer_ids_are_integers()
    {
        var entries = Enumerable.Range(0, 12).Select(i =>
            Entry("GET", $"http://api.shop.example/v2/addresses/{1000 + (i * 7)}", 200, $"{{\"zip\":\"0210{i % 10}\",\"floor\":{i}}}")).ToArray();
        var result = CliProcess.Run("analyze", "--har", WriteHar(entries), "--format", "openapi", "--quiet");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var doc = JsonNode.Parse(result.Stdout)!;
        var (path, item) = doc["paths"]!.AsObject().Single();
        Assert.Equal("/v2/addresses/{addressId}", path);
        Assert.Equal("integer", item!["get"]!["parameters"]![0]!["schema"]!["type"]!.GetValue<string>());
        var properties = item["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["properties"]!;
        Assert.Equal("string", properties["zip"]!["type"]!.GetValue<string>());
        Assert.Equal("integer", properties["floor"]!["type"]!.GetValue<string>());

        var json = OnlyEndpoint(CliProcess.Run("analyze", "--har", WriteHar(entries), "--format", "json", "--quiet"));
        Assert.All(json.GetProperty("responseFields").EnumerateArray(), f => Assert.InRange(f.GetProperty("calls").GetInt64(), 1, json.GetProperty("requests").GetInt64()));
    }

    [Fact]
    public void A_har_is_streamed_entries_larger_than_the_buffer_and_properties_around_entries_included()
    {
        var random = new Random(3);
        var entries = new List<JsonObject>();
        for (var i = 0; i < 40; i++)
        {
            // Bodies from tiny to 300 KB: entries straddle the reader's 64 KB buffer and grow it.
            var filler = new string('a', random.Next(0, 300_000));
            entries.Add(Entry("GET", $"http://big.example/r{i % 4}/{i}", 200, $"{{\"n\":{i},\"pad\":\"{filler}\"}}"));
        }
        var har = new JsonObject
        {
            ["log"] = new JsonObject
            {
                ["version"] = "1.2",
                ["creator"] = new JsonObject { ["name"] = "test", ["nested"] = new JsonArray(new JsonArray(new JsonObject { ["entries"] = 1 })) },
                ["pages"] = new JsonArray(Enumerable.Range(0, 50).Select(p => (JsonNode)new JsonObject { ["id"] = $"page_{p}", ["title"] = new string('t', 5000) }).ToArray()),
                ["entries"] = new JsonArray(entries.ToArray()),
                ["comment"] = "after the entries",
            },
            ["trailing"] = new JsonObject { ["x"] = new JsonArray(1, 2, 3) },
        };
        var path = Path.Combine(_dir, "big.har");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes(har.ToJsonString(new JsonSerializerOptions { WriteIndented = true }))]);
        var result = CliProcess.Run("analyze", "--har", path, "--format", "json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        var endpoints = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(40, endpoints.Sum(e => e.GetProperty("requests").GetInt32()));
        Assert.DoesNotContain("skipped", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_off_har_keeps_the_entries_before_the_cut_and_says_so_in_one_line()
    {
        var entries = Enumerable.Range(0, 30).Select(i => Entry("GET", $"http://api.shop.example/v1/things/{i}", 200, "{\"ok\":true}")).ToArray();
        var path = WriteHar(entries);
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text[..(text.Length * 2 / 3)]);
        var result = CliProcess.Run("analyze", "--har", path, "--format", "json", "--quiet");
        Assert.Equal(1, result.ExitCode);
        var requests = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("endpoints").EnumerateArray().Sum(e => e.GetProperty("requests").GetInt32());
        Assert.InRange(requests, 10, 29);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("HAR is damaged", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"log\": {\"entries\": 7}}")]
    [InlineData("{\"log\": [1]}")]
    [InlineData("\"just a string\"")]
    [InlineData("")]
    public void Shapes_that_are_not_a_har_are_one_clear_line(string content)
    {
        var path = Path.Combine(_dir, "odd.har");
        File.WriteAllText(path, content);
        var result = CliProcess.Run("analyze", "--har", path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("not a HAR file", Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void Entries_that_are_not_objects_are_counted_and_the_rest_read()
    {
        var path = Path.Combine(_dir, "mixed.har");
        var good = Entry("GET", "http://api.shop.example/ok", 200, "{}").ToJsonString();
        File.WriteAllText(path, $"{{\"log\":{{\"entries\":[1, \"x\", [2, [3]], null, {good}, {{}}]}}}}");
        var result = CliProcess.Run("analyze", "--har", path, "--format", "json");
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Single(JsonDocument.Parse(result.Stdout).RootElement.GetProperty("endpoints").EnumerateArray());
        Assert.Contains("5 HAR entries skipped", result.Stderr, StringComparison.Ordinal);
    }
}
