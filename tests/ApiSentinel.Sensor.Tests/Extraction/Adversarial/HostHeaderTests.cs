using ApiSentinel.Sensor.Extraction;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Contract;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>Issue 6, item 2: the Host header is wire text like any other: validated, scanned, never echoed raw.</summary>
public class HostHeaderTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 2026];

    private static string ValidHost(Planted g)
    {
        switch (g.Random.Next(5))
        {
            case 0:
                return $"{g.Random.Next(1, 255)}.{g.Random.Next(256)}.{g.Random.Next(256)}.{g.Random.Next(1, 255)}";
            case 1:
                return $"[2001:db8::{g.Random.Next(1, 0xffff):x}]";
            case 2:
                return "xn--" + g.Word(4, 10) + "-" + g.Word(2, 4) + ".example";
            default:
                var labels = Enumerable.Range(0, g.Random.Next(1, 4)).Select(_ => g.Word(1, 12) + (g.Random.Next(3) == 0 ? "-" + g.Word(1, 5) : ""));
                return string.Join('.', labels) + (g.Random.Next(2) == 0 ? ".svc.cluster.local" : ".example.com");
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Valid_hosts_are_echoed_lower_case_with_their_port(int seed)
    {
        var g = new Planted(seed);
        for (var i = 0; i < 100; i++)
        {
            var host = ValidHost(g);
            var port = g.Random.Next(3) == 0 ? ":" + g.Random.Next(1, 65536) : "";
            var sent = g.Random.Next(2) == 0 ? host.ToUpperInvariant() : host;
            var harness = new ExtractorHarness();
            var record = harness.Extract(TestMessages.Request("GET", "/", ("Host", sent + port)));
            Assert.Equal(host.ToLowerInvariant() + port, record.Host);
            Assert.Equal(0, harness.Counters.InvalidHosts);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Invalid_hosts_are_a_constant_and_counted(int seed)
    {
        var g = new Planted(seed);
        Func<string>[] invalid =
        [
            () => g.Word() + " " + g.Word() + ".example",
            () => g.Word() + "%2e" + g.Word(),
            () => g.Word() + "\u00e9." + g.Word(),
            () => g.Word() + ".example:" + g.Random.Next(65536, 1_000_000),
            () => g.Word() + ".example:" + g.Word(),
            () => "2001:db8::" + g.Random.Next(1, 999),
            () => new string('a', 64) + ".example",
            () => "-" + g.Word() + ".example",
            () => g.Word() + "..example",
            () => g.Random.Next(1000, 999_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            () => $"{g.Random.Next(256, 999)}.1.2.3",
            () => g.Word() + "/" + g.Word(),
            () => g.Word() + "\u001b[31m",
            () => g.Word() + "," + g.Word(),
        ];
        for (var i = 0; i < 100; i++)
        {
            var host = g.Pick(invalid)();
            var harness = new ExtractorHarness();
            var record = harness.Extract(TestMessages.Request("GET", "/", ("Host", host)));
            Assert.Equal(Placeholders.Invalid, record.Host);
            Assert.Equal(1, harness.Counters.InvalidHosts);
            PlantedValues.AssertAbsent(record, [host]);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Userinfo_in_the_host_header_is_a_basic_credential_never_echoed(int seed)
    {
        var g = new Planted(seed);
        for (var i = 0; i < 50; i++)
        {
            var user = g.Word(5, 9);
            var secret = g.RandomToken();
            var host = ValidHost(g);
            var record = new ExtractorHarness().Extract(TestMessages.Request("GET", "/", ("Host", $"{user}:{secret}@{host}")));
            Assert.Equal(host.ToLowerInvariant(), record.Host);
            Assert.Equal((AuthKind.Basic, "header:host"), (record.Auth.Kind, record.Auth.Location));
            PlantedValues.AssertAbsent(record, [$"{user}:{secret}", secret]);
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Data_in_a_host_label_is_redacted_and_counted_as_its_type(int seed)
    {
        var g = new Planted(seed);
        for (var i = 0; i < 50; i++)
        {
            var (value, type) = g.Random.Next(3) switch
            {
                0 => (g.Card(), "credit-card"),
                1 => (g.DashedCard('-'), "credit-card"),
                _ => (g.DashedCard('.'), "credit-card"),
            };
            var host = $"{value}.{g.Word()}.example";
            var record = new ExtractorHarness().Extract(TestMessages.Request("GET", "/", ("Host", $"u:{g.RandomToken()}@{host}:8443")));
            Assert.Equal(Placeholders.RedactedHost, record.Host);
            Assert.Contains(record.Sensitive, s => s.Type == type && s.Location == "request.header.host");
            PlantedValues.AssertAbsent(record, [value]);
        }
    }

    /// <summary>Host names are case-insensitive, so an AWS key id sent in lower case in a label is still the key.</summary>
    [Theory]
    [MemberData(nameof(Seeds))]
    public void A_key_in_a_host_label_is_found_in_any_case(int seed)
    {
        var g = new Planted(seed);
        for (var i = 0; i < 20; i++)
        {
            var key = g.AwsAccessKeyId();
            var sent = i % 2 == 0 ? key.ToLowerInvariant() : key;
            var record = new ExtractorHarness().Extract(TestMessages.Request("GET", "/", ("Host", $"{sent}.{g.Word()}.example")));
            Assert.Equal(Placeholders.RedactedHost, record.Host);
            Assert.Contains(record.Sensitive, s => s.Type == SensitiveTypes.AwsAccessKey && s.Location == "request.header.host");
            PlantedValues.AssertAbsent(record, [key]);
        }
    }

    [Theory]
    [InlineData("ip-172-31-45-123.ec2.internal")]
    [InlineData("ec2-54-123-45-67.compute-1.amazonaws.com")]
    [InlineData("api.v2.example.com:8080")]
    [InlineData("my_service:3000")]
    [InlineData("example.com.")]
    [InlineData("[::1]:8080")]
    [InlineData("10.0.0.1")]
    public void Ordinary_hosts_with_digits_are_not_taken_for_data(string host)
    {
        var record = new ExtractorHarness().Extract(TestMessages.Request("GET", "/", ("Host", host)));
        Assert.Equal(host, record.Host);
        Assert.Empty(record.Sensitive);
    }

    [Fact]
    public void The_authority_of_a_target_is_checked_the_same_way_without_a_host_header()
    {
        var harness = new ExtractorHarness();
        var record = harness.Extract(TestMessages.Request("GET", "http://b%41d!.example:80/x"));
        Assert.Equal(Placeholders.Invalid, record.Host);
        Assert.Equal("http://REDACTED/x", record.Target);
        Assert.Equal(1, harness.Counters.InvalidHosts);

        var card = new Planted(5).Card();
        var carded = harness.Extract(TestMessages.Request("GET", $"http://{card}.example/x"));
        Assert.Equal(Placeholders.RedactedHost, carded.Host);
        Assert.Equal("http://REDACTED/x", carded.Target);
        Assert.Contains(carded.Sensitive, s => s.Type == "credit-card" && s.Location == "request.authority");
    }
}
