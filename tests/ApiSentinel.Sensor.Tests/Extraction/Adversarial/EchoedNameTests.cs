using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>
/// Issue 6, item 3: every name that is echoed — header names, cookie names, the User-Agent product, media
/// types, query parameter names, the method — is screened by the detectors, not only by its syntax.
/// </summary>
public class EchoedNameTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 2026];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Token_shaped_data_in_any_name_slot_is_withheld_and_counted(int seed)
    {
        var g = new Planted(seed);
        for (var i = 0; i < 60; i++)
        {
            var (value, type) = g.TokenShapedSensitive();
            var harness = new ExtractorHarness();
            var slot = i % 6;
            var request = slot switch
            {
                0 => TestMessages.Request("GET", "/", (value, "1")),
                1 => TestMessages.Request("GET", "/", ("User-Agent", value + "/1.0 (x)")),
                2 => TestMessages.Request("POST", "/", ("Content-Type", "application/" + value)),
                3 => TestMessages.Request("GET", "/", ("Cookie", $"{value}=abc; sessionid=s1")),
                4 => TestMessages.Request("GET", $"/x?{value}=1&q=2"),
                _ => TestMessages.Request(value, "/"),
            };
            var response = TestMessages.Response(200, (g.Pick(new[] { "X-", "" }) + value, "v"));
            var record = harness.Extract(request, response);

            PlantedValues.AssertAbsent(record, [value]);
            Assert.True(harness.Counters.NamesWithheld + harness.Counters.InvalidMethods >= 1,
                $"slot {slot}: nothing counted");
            if (slot is 0 or 4 or 5)
            {
                Assert.Contains(record.Sensitive, s => s.Type == type);
            }
            switch (slot)
            {
                case 1:
                    Assert.Null(record.UserAgentProduct);
                    break;
                case 2:
                    Assert.Equal(Placeholders.Invalid, record.RequestContentType);
                    break;
                case 3:
                    Assert.Equal(AuthKind.SessionCookie, record.Auth.Kind);
                    break;
                case 4:
                    Assert.Equal("/x?REDACTED=1&q=2", record.Target);
                    break;
                case 5:
                    Assert.Equal(Placeholders.InvalidMethod, record.Method);
                    Assert.Equal(1, harness.Counters.InvalidMethods);
                    break;
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_tokens_and_digit_chains_as_names_are_withheld(int seed)
    {
        var g = new Planted(seed);
        for (var i = 0; i < 50; i++)
        {
            var value = (i % 3) switch
            {
                0 => g.RandomToken(),
                1 => g.DashedCard('-'),
                _ => $"x-{g.Random.Next(100, 999)}-{g.Random.Next(10, 99)}-{g.Random.Next(1000, 9999)}",
            };
            var harness = new ExtractorHarness();
            var record = harness.Extract(TestMessages.Request("GET", "/", (value, "1"), ("X-Trace", "1")));
            Assert.Equal(["x-trace"], record.RequestHeaderNames);
            Assert.Equal(1, harness.Counters.NamesWithheld);
            PlantedValues.AssertAbsent(record, [value]);
        }
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PROPFIND")]
    [InlineData("M-SEARCH")]
    [InlineData("UPDATEREDIRECTREF")]
    [InlineData("get")]
    public void Method_tokens_are_echoed_as_sent(string method)
    {
        var harness = new ExtractorHarness();
        Assert.Equal(method, harness.Extract(TestMessages.Request(method, "/")).Method);
        Assert.Equal(0, harness.Counters.InvalidMethods);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Methods_that_are_not_tokens_are_invalid_and_counted(int seed)
    {
        var g = new Planted(seed);
        Func<string>[] invalid =
        [
            () => g.Word() + " " + g.Word(),
            () => g.Word() + "(" + g.Word() + ")",
            () => new string('A', HttpMethodTokenLength + 1 + g.Random.Next(10)),
            () => g.Word() + "\u00e9",
            () => g.Word() + "@" + g.Word(),
            () => g.Word() + "/" + g.Word(),
            () => g.RandomToken(),
        ];
        for (var i = 0; i < 50; i++)
        {
            var method = g.Pick(invalid)();
            var harness = new ExtractorHarness();
            var record = harness.Extract(TestMessages.Request(method, "/"));
            Assert.Equal(Placeholders.InvalidMethod, record.Method);
            Assert.Equal(1, harness.Counters.InvalidMethods);
            PlantedValues.AssertAbsent(record, [method]);
        }
    }

    private const int HttpMethodTokenLength = 24;

    [Fact]
    public void Ordinary_names_are_still_echoed()
    {
        var request = TestMessages.Request("POST", "/a?page_size=10&sort=name", ("Host", "api.example"),
            ("Content-Type", "application/vnd.api+json"), ("User-Agent", "python-requests/2.31"), ("X-B3-TraceId", "1"),
            ("Sec-CH-UA-Platform-Version", "1"), ("X-Request-Id", "abc"), ("Cookie", "theme=dark; csrftoken=x"));
        var harness = new ExtractorHarness();
        var record = harness.Extract(request);
        Assert.Equal("POST", record.Method);
        Assert.Equal("application/vnd.api+json", record.RequestContentType);
        Assert.Equal("python-requests", record.UserAgentProduct);
        Assert.Equal(["host", "content-type", "user-agent", "x-b3-traceid", "sec-ch-ua-platform-version", "x-request-id", "cookie"],
            record.RequestHeaderNames);
        Assert.Equal(["page_size", "sort"], record.QueryParameters.Select(q => q.Name));
        Assert.Equal(0, harness.Counters.NamesWithheld);
    }
}
