using ApiSentinel.Contract;
using ApiSentinel.Sensor.Calls;
using ApiSentinel.Sensor.Har;
using ApiSentinel.Sensor.Tests.Extraction;
using ApiSentinel.Sensor.Tests.Extraction.Adversarial;

namespace ApiSentinel.Sensor.Tests.Calls;

/// <summary>The record → call mapping fills the contract's multi-source fields, and keys calls by the extractor's own parse of the target.</summary>
public sealed class ExchangeToCallTests
{
    private static ApiCall? Map(string target, params (string, string)[] headers) =>
        ExchangeToCall.Map(new ExtractorHarness().Extract(TestMessages.Request("GET", target, headers), TestMessages.Response(200)));

    [Theory]
    [InlineData("/users/7?expand=1#frag", "/users/7")]
    [InlineData("/", "/")]
    [InlineData("http://api.example/users/7?x=1", "/users/7")]
    [InlineData("http://api.example", "/")]
    [InlineData("http://api.example?x=1", "/")]
    // A target that starts with "//" is origin-form (RFC 9112 §3.2: absolute-path = 1*( "/" segment ), segments may
    // be empty): "//v1/users" is that path, its first segment is no host (it used to come out as "/users").
    [InlineData("//v1/users", "//v1/users")]
    [InlineData("//users/42?x=1", "//users/42")]
    [InlineData("//api.example/users", "//api.example/users")]
    // Its userinfo-looking part is still redacted, password delimiters and all: the path keeps the rest.
    [InlineData("//u:p/w?d@h.example/x", "//REDACTED@h.example/x")]
    // A password holding '/' and '?' ends at the last '@' a host follows: none of it reaches the path.
    [InlineData("http://bob:pa/ss?w@api.example/orders", "/orders")]
    public void The_path_is_the_extractors_parse_of_the_target(string target, string path)
    {
        var call = Map(target, ("Host", "api.example"));
        Assert.NotNull(call);
        Assert.Equal(path, call.Path);
        Assert.DoesNotContain("pa/ss", call.Path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("api.example:443")] // authority-form (CONNECT)
    [InlineData("*")]
    public void Targets_without_a_path_are_not_calls(string target)
    {
        Assert.Null(Map(target, ("Host", "api.example")));
    }

    [Fact]
    public void Embedded_calls_carry_their_source_connection_and_transport()
    {
        var call = Map("/users/7", ("Host", "api.example"))!;

        Assert.Equal(ApiCall.EmbeddedSource, call.Source);
        Assert.Equal(Transport.Plaintext, call.Transport); // the packet parser reads cleartext HTTP only
        Assert.Equal("192.0.2.1:40000>192.0.2.2:8080#7", call.Connection);
        Assert.Equal("", call.Namespace);
        Assert.Equal("", call.Workload);
        Assert.Equal("sensor-a", ExchangeToCall.Map(new ExtractorHarness().Extract(TestMessages.Request("GET", "/"), null), "sensor-a")!.Source);
    }

    [Fact]
    public void A_har_url_with_an_empty_first_segment_keeps_every_segment()
    {
        // The HAR source hands the extractor the URL's PathAndQuery as an origin-form target.
        var target = new Uri("https://api.example.test//users/42").PathAndQuery;
        Assert.Equal("//users/42", target);
        Assert.Equal("//users/42", Map(target, ("Host", "api.example.test"))!.Path);
    }

    [Theory]
    [InlineData("https://api.example/x", Transport.Tls)]
    [InlineData("wss://api.example/x", Transport.Tls)]
    [InlineData("http://api.example/x", Transport.Plaintext)]
    [InlineData("ws://api.example/x", Transport.Plaintext)]
    [InlineData("ftp://api.example/x", Transport.Unknown)]
    public void A_har_entry_travelled_as_its_scheme_says(string url, Transport transport)
    {
        Assert.Equal(transport, HarFileSource.TransportOf(new Uri(url)));
    }
}
