using System.Text.Json;

namespace ApiSentinel.Cli.Tests;

/// <summary>The <c>exchanges</c> contract of DESIGN.md, on the bundled sample (real curl against a real server).</summary>
public class ExchangesCommandTests
{
    private static readonly string Demo = Path.Combine(RepositoryPaths.Samples, "demo.pcap");

    private static List<JsonElement> Records(CliProcess.Result result) =>
        result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();

    [Fact]
    public void Jsonl_has_one_record_per_exchange_with_the_contract_keys_in_request_order()
    {
        var result = CliProcess.Run("exchanges", "--pcap", Demo);

        Assert.Equal(0, result.ExitCode);
        var records = Records(result);
        // tshark on the same file counts 21 requests and 21 responses (see samples/record-demo.sh for the traffic).
        Assert.Equal(21, records.Count);
        string[] keys = ["ts", "client", "server", "method", "host", "target", "version", "status", "requestBodyBytes", "responseBodyBytes", "auth", "sensitive"];
        foreach (var record in records)
        {
            foreach (var key in keys)
            {
                Assert.True(record.TryGetProperty(key, out _), $"missing key {key}");
            }
            Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", record.GetProperty("ts").GetString());
            Assert.Matches(@"^127\.0\.0\.[12]:\d+$", record.GetProperty("client").GetString()); // .2 is the scanner
            Assert.Equal("127.0.0.1:18080", record.GetProperty("server").GetString());
        }
        var times = records.Select(r => r.GetProperty("ts").GetString()).ToList();
        Assert.Equal(times.Order(StringComparer.Ordinal), times);

        var first = records[0];
        Assert.Equal("GET", first.GetProperty("method").GetString());
        Assert.Equal("/api/v1/users/48213", first.GetProperty("target").GetString());
        Assert.Equal("127.0.0.1:18080", first.GetProperty("host").GetString());
        Assert.Equal("1.1", first.GetProperty("version").GetString());
        Assert.Equal(200, first.GetProperty("status").GetInt32());
        Assert.Equal("jwt", first.GetProperty("auth").GetString());
        Assert.Equal("HS256", first.GetProperty("jwtAlg").GetString());
        Assert.Contains("email", first.GetProperty("sensitive").EnumerateArray().Select(e => e.GetString()));

        var statuses = records.Select(r => r.GetProperty("status").GetInt32()).ToList();
        Assert.Equal(9, statuses.Count(s => s == 200));
        Assert.Equal(10, statuses.Count(s => s == 404));
        Assert.Equal(1, statuses.Count(s => s == 401));

        var payment = records.Single(r => r.GetProperty("target").GetString() == "/api/v1/payments");
        Assert.Equal(201, payment.GetProperty("status").GetInt32());
        Assert.Contains(payment.GetProperty("sensitiveLocations").EnumerateArray(),
            s => s.GetProperty("type").GetString() == "credit-card" && s.GetProperty("location").GetString() == "request.body.$.payer.cardNumber");

        var report = records.Single(r => r.GetProperty("target").GetString()!.StartsWith("/api/v1/reports", StringComparison.Ordinal));
        Assert.Equal("api-key", report.GetProperty("auth").GetString());
        // The gzip'd chunked body decodes to JSON full of e-mail addresses.
        Assert.Contains("email", report.GetProperty("sensitive").EnumerateArray().Select(e => e.GetString()));

        var unauthorized = records.Single(r => r.GetProperty("status").GetInt32() == 401);
        Assert.Equal("none", unauthorized.GetProperty("auth").GetString());

        var keyInQuery = records.Single(r => r.GetProperty("target").GetString()!.Contains("api_key", StringComparison.Ordinal));
        Assert.Equal("/api/v1/users/48214?api_key=REDACTED", keyInQuery.GetProperty("target").GetString());
        Assert.Equal("query:api_key", keyInQuery.GetProperty("authLocation").GetString());

        Assert.Contains("21 exchanges", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_format_has_a_header_and_a_row_per_exchange()
    {
        var result = CliProcess.Run("exchanges", "--pcap", Demo, "--format", "table", "--quiet");
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("TIME", result.StdoutLines[0], StringComparison.Ordinal);
        Assert.Equal(22, result.StdoutLines.Length);
        Assert.Contains(result.StdoutLines, l => l.Contains("/internal/debug/config", StringComparison.Ordinal));
        Assert.Equal("", result.Stderr);
    }

    /// <summary>The privacy rule on every channel of the CLI: stdout in both formats, and stderr.</summary>
    [Fact]
    public void No_secret_from_the_sample_traffic_reaches_any_output()
    {
        string[] secrets =
        [
            "4111 1111 1111 1111", "4111111111111111", "536-90-4399", "412-67-3021", "ada@example.com", "alan@example.org",
            "+44 20 7946 0958", "k-7f3a9b2c", "correct-horse", "YWRhOmNvcnJlY3QtaG9yc2U", "c2lnbmF0dXJlLW5vdC1jaGVja2Vk",
            "eyJzdWIiOiI0ODIxMyIsIm5hbWUiOiJBZGEifQ",
        ];
        foreach (var format in new[] { "jsonl", "table" })
        {
            var result = CliProcess.Run("exchanges", "--pcap", Demo, "--format", format);
            Assert.Equal(0, result.ExitCode);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, result.Stdout, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, result.Stderr, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Several_files_are_read_as_one_capture()
    {
        var result = CliProcess.Run("exchanges", "--pcap", Demo, Demo, "--quiet");
        Assert.Equal(0, result.ExitCode);
        // Files are read one after another into one pipeline. The second copy's connections start with a fresh SYN
        // after the first copy's closed with FIN, so they are new connections: every exchange appears twice.
        Assert.Equal(42, result.StdoutLines.Length);
    }
}
