using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Http;

/// <summary>
/// Real traffic from Zeek's HTTP test traces (see Corpus/README.md), checked against what Zeek logs for the
/// same connection: method, Host, target and status per transaction.
/// </summary>
public class ZeekCorpusTests
{
    private static Http1Harness Replay(string name, bool byteByByte = false)
    {
        var h = new Http1Harness(byteByByte: byteByByte);
        var path = Path.Combine(AppContext.BaseDirectory, "Http", "Corpus", name + ".streams");
        foreach (var line in File.ReadAllLines(path))
        {
            var bytes = Convert.FromHexString(line.AsSpan(2));
            if (line[0] == 'C')
            {
                h.Client(bytes);
            }
            else
            {
                h.Server(bytes);
            }
        }
        h.Close();
        return h;
    }

    private static string[] Rows(Http1Harness h) =>
        h.Transactions.Select(t => $"{t.Request?.Method ?? "-"}\t{t.Request?.Header("host") ?? "-"}\t{t.Request?.Target ?? "-"}\t{(t.Response is null ? "-" : t.Response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))}").ToArray();

    [Theory]
    [InlineData("missing-zlib-header", new[] { "GET\tads1.msn.com\t/library/dap.js\t200", "GET\tads1.msn.com\t/library/dap.js\t200" })]
    [InlineData("no-uri", new[] { "GET\tbro.org\t\t200" })]
    [InlineData("no-version", new[] { "GET\t-\t/cgi-bin/formmail.pl?email=f2@aol.com&subject=www-nrg.ee/cgi-bin/formmail.pl&recipient=unknownz@buy2save.com&msg=w00t\t0" })]
    [InlineData("websocket", new[] { "GET\tsandbox.kaazing.net\t/echo?.kl=Y\t101" })]
    [InlineData("connect-with-smtp", new[] { "CONNECT\t-\tmailin03.sul.t-online.de:25 /\t200" })]
    [InlineData("http-desync-request-response-5", new[]
    {
        "GET\tlocalhost:8080\t/\t200", "-\t-\t-\t200", "-\t-\t-\t200", "GET\tlocalhost:8080\t/\t200",
        "GET\tlocalhost:8080\t/\t200", "GET\tlocalhost:8080\t/\t200", "GET\tlocalhost:8080\t/\t200",
    })]
    public void Transactions_match_zeek(string trace, string[] expected)
    {
        Assert.Equal(expected, Rows(Replay(trace)));
        Assert.Equal(Http1Harness.Describe(Replay(trace).Transactions), Http1Harness.Describe(Replay(trace, byteByByte: true).Transactions));
    }

    [Fact]
    public void Raw_deflate_without_zlib_header_is_decoded()
    {
        var t = Replay("missing-zlib-header").Transactions;

        Assert.All(t, x =>
        {
            var body = x.Response!.Body;
            Assert.Equal("deflate", body.ContentEncoding);
            Assert.True(body.DecodedOk);
            Assert.Equal(5139, body.Length);
            Assert.True(body.Inspected.Length > body.Length);
            Assert.Contains("var _daprr=new Array(", body.InspectedText, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Websocket_upgrade_stops_parsing_and_frames_are_not_garbage()
    {
        var h = Replay("websocket");

        Assert.True(Assert.Single(h.Transactions).Has(HttpTransactionFlags.ProtocolSwitch));
        Assert.Equal(0, h.Counters.SkippedGarbageBytes);
        Assert.Equal(0, h.Counters.UnmatchedResponses);
    }
}
