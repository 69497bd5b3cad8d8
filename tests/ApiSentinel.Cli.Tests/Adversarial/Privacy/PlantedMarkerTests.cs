namespace ApiSentinel.Cli.Tests.Adversarial.Privacy;

/// <summary>
/// The privacy rule, proven on every output channel: traffic with unique markers planted in every place a raw
/// value can sit (<see cref="CoveredPlacements"/>), as a pcap and as a HAR file, for several seeds; no output
/// of any command, format or stderr holds any marker in any form. The places issue 6 found leaking through the
/// extractor are in <see cref="ExtractionLeakTests"/>.
/// </summary>
public sealed class PlantedMarkerTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apisentinel-privacy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static TheoryData<int, string> Cases()
    {
        var data = new TheoryData<int, string>();
        foreach (var seed in new[] { 11, 2027, 90210 })
        {
            data.Add(seed, nameof(OutputChannels.Input.Pcap));
            data.Add(seed, nameof(OutputChannels.Input.Har));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void No_planted_marker_reaches_any_output(int seed, string input)
    {
        var traffic = Placement.Traffic(seed, CoveredPlacements.All);
        Assert.True(traffic.Markers.Count > 100, "the harness plants markers in every placement");
        OutputChannels.AssertNone(OutputChannels.Leaks(traffic, Enum.Parse<OutputChannels.Input>(input), _dir));
    }

    /// <summary>
    /// The harness can fail: a word-like value under a plain query name is echoed in the target by design (the
    /// sensor cannot know it is anything but data; a random-token value would be redacted), so the harness must
    /// report it on the channels that show targets.
    /// </summary>
    [Fact]
    public void The_harness_reports_a_value_that_an_output_does_show()
    {
        var traffic = new PlantedTraffic(8);
        var target = $"/v1/echo?q={traffic.Plant(MarkerFactory.Opaque, "query value of plain parameter q", traffic.Values.UserName())}";
        traffic.Add(new PlantedExchange { Target = target, HarUrl = CoveredPlacements.Url(target), RequestHeaders = CoveredPlacements.Headers() });
        var leaks = OutputChannels.Leaks(traffic, OutputChannels.Input.Pcap, _dir);
        Assert.Contains(leaks, l => l.StartsWith("opaque marker planted in query value of plain parameter q found raw (any case) in exchanges --format jsonl (Pcap) stdout", StringComparison.Ordinal));
        Assert.Contains(leaks, l => l.Contains("in exchanges --format table --masked-samples (Pcap) stdout", StringComparison.Ordinal));
    }

    [Fact]
    public void The_harness_finds_a_marker_in_every_form_it_claims()
    {
        const string marker = "AbC9xyz:Q7?w";
        foreach (var (form, text) in MarkerForms.Of(marker))
        {
            Assert.Equal(form, MarkerForms.FoundIn($"prefix {text} suffix", marker));
        }
        Assert.NotNull(MarkerForms.FoundIn("x ABC9XYZ:Q7?W x", marker));
        Assert.NotNull(MarkerForms.FoundIn("x abc9xyz%3aq7%3fw x", marker));
        Assert.NotNull(MarkerForms.FoundIn(Convert.ToBase64String("AbC9xyz:Q7?w"u8.ToArray()), marker));
        Assert.Null(MarkerForms.FoundIn("AbC9xyz:Q7", marker));
    }

    [Fact]
    public void Generated_secrets_are_what_detectors_look_for()
    {
        var values = new MarkerFactory(5);
        for (var i = 0; i < 50; i++)
        {
            var card = values.Card();
            Assert.Equal(16, card.Length);
            Assert.Equal(card[15] - '0', MarkerFactory.LuhnCheckDigit(card[..15].Select(c => c - '0').ToArray()));
            Assert.Matches(@"^(?!000|666|9)\d{3}-(?!00)\d{2}-(?!0000)\d{4}$", values.Ssn());
            Assert.Matches("^AKIA[A-Z2-7]{16}$", values.AwsKeyId());
            Assert.Matches("^ghp_[A-Za-z0-9]{36}$", values.GitHubToken());
            Assert.Equal(3, values.Jwt().Split('.').Length);
        }
    }
}
