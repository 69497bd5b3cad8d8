using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ApiSentinel.Collector.Risk;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Sensor.Tests.Infrastructure;
using Xunit.Abstractions;
using ApiSentinel.Contract;

namespace ApiSentinel.Cli.Tests.Browser;

/// <summary>
/// A new user's first try, for real (issue 6, "What a user sees must be right"): a REST server, a browser, the
/// browser's HAR and a pcap of the same traffic, both through <c>analyze</c>. The two inputs must tell the same
/// story — endpoints, counts, auth, sensitive data — and nothing planted may reach any output.
/// One session is recorded per test run (<see cref="RecordedBrowserSession"/>); each expectation is its own test.
/// </summary>
public sealed partial class BrowserHarAndPcapTests(RecordedBrowserSession session, ITestOutputHelper output)
    : IClassFixture<RecordedBrowserSession>
{
    private const string Har = "har";
    private const string Pcap = "pcap";
    private static readonly string[] Inputs = [Har, Pcap];

    /// <summary>The page's fixed sequence (tests/browser/site/app.js): first load, then the revalidating reload.</summary>
    private static readonly (string Method, string Target, int Status, string ResourceType)[] Scenario =
    [
        ("GET", "/index.html", 200, "document"),
        ("GET", "/app.js", 200, "script"),
        ("GET", "/customers", 200, "fetch"),
        ("GET", "/customers/2", 200, "fetch"),
        ("GET", "/customers?email=grace.hopper%40example.org", 200, "fetch"),
        ("POST", "/orders", 201, "fetch"),
        ("PUT", "/orders/1", 200, "fetch"),
        ("DELETE", "/orders/2", 200, "fetch"),
        ("POST", "/payments", 201, "fetch"),
        ("GET", "/profile", 200, "fetch"),
        ("GET", "/accounts", 200, "fetch"),
        ("GET", "/index.html", 304, "document"),
        ("GET", "/app.js", 304, "script"),
        ("GET", "/customers", 304, "fetch"),
        ("GET", "/customers/2", 304, "fetch"),
    ];

    private static readonly string[] StaticPaths = ["/index.html", "/app.js"];

    // ---- the recording itself: what the assertions below stand on --------------------------------------------

    [NetnsFact]
    public void The_har_holds_the_scenario_in_order_with_resource_types_and_form_params()
    {
        output.WriteLine(session.Timings);
        using var har = JsonDocument.Parse(session.HarText);
        var entries = har.RootElement.GetProperty("log").GetProperty("entries").EnumerateArray().ToArray();
        var seen = entries.Select(e => (
            e.GetProperty("request").GetProperty("method").GetString()!,
            new Uri(e.GetProperty("request").GetProperty("url").GetString()!).PathAndQuery,
            e.GetProperty("response").GetProperty("status").GetInt32(),
            e.GetProperty("_resourceType").GetString()!)).ToArray();
        foreach (var e in entries)
        {
            var request = e.GetProperty("request");
            var validators = request.GetProperty("headers").EnumerateArray().Select(h => h.GetProperty("name").GetString()!)
                .Where(n => n.StartsWith("If-", StringComparison.OrdinalIgnoreCase));
            output.WriteLine($"{request.GetProperty("method").GetString()} {request.GetProperty("url").GetString()} {e.GetProperty("response").GetProperty("status").GetInt32()} {string.Join(',', validators)}");
        }
        Assert.Equal(Scenario, seen);
        Assert.All(entries, e => Assert.StartsWith($"http://{session.Authority}/", e.GetProperty("request").GetProperty("url").GetString(), StringComparison.Ordinal));

        // The form body is written as HAR 1.2 params (exclusive of text), the JSON bodies as text.
        var form = entries.Single(e => e.GetProperty("request").GetProperty("url").GetString()!.EndsWith("/payments", StringComparison.Ordinal))
            .GetProperty("request").GetProperty("postData");
        Assert.False(form.TryGetProperty("text", out _));
        Assert.Equal(["card_number", "email", "amount"], form.GetProperty("params").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        // A revalidated entry has no body on the wire, but the browser hands over its cached copy, as DevTools does.
        var revalidated = entries.Where(e => e.GetProperty("response").GetProperty("status").GetInt32() == 304).ToArray();
        Assert.All(revalidated, e => Assert.NotEmpty(e.GetProperty("response").GetProperty("content").GetProperty("text").GetString()!));
    }

    [NetnsFact]
    public void The_pcap_holds_the_same_requests_as_the_har()
    {
        var exchanges = session.PcapExchanges;
        Assert.True(exchanges.ExitCode == 0, exchanges.Stderr);
        var seen = exchanges.StdoutLines.Select(line =>
        {
            using var record = JsonDocument.Parse(line);
            var r = record.RootElement;
            return (r.GetProperty("method").GetString()!, r.GetProperty("target").GetString()!.Split('?')[0], r.GetProperty("status").GetInt32());
        }).ToArray();
        Assert.Equal(Scenario.Select(s => (s.Method, s.Target.Split('?')[0], s.Status)), seen);
    }

    [NetnsFact]
    public void Every_planted_value_was_really_sent_or_received()
    {
        // Otherwise the leak test below would prove nothing.
        Assert.All(session.Planted, value => Assert.Contains(value, session.HarText, StringComparison.Ordinal));
    }

    [NetnsFact]
    public void Every_analysis_exits_cleanly_with_a_summary_and_no_trace()
    {
        foreach (var ((input, format), result) in session.Analyses)
        {
            Assert.True(result.ExitCode == 0, $"{input} {format}: exit {result.ExitCode}: {result.Stderr}");
            Assert.NotEmpty(result.Stdout);
            Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
            Assert.StartsWith("apisentinel: ", result.Stderr.TrimEnd().Split('\n')[^1], StringComparison.Ordinal);
        }
    }

    // ---- the two inputs agree --------------------------------------------------------------------------------

    [NetnsFact]
    public void Both_inputs_list_the_same_endpoints_on_the_host_the_browser_used()
    {
        var har = session.Catalog(Har);
        var pcap = session.Catalog(Pcap);
        Log(har, pcap);
        Assert.Equal(Keys(pcap.Entries), Keys(har.Entries));
        Assert.Equal(Keys(pcap.ApiEndpoints), Keys(har.ApiEndpoints));
        Assert.All(har.Entries.Concat(pcap.Entries).Where(e => e.Host is not null), e => Assert.Equal(session.Authority, e.Host));
        Assert.All(har.ApiEndpoints.Concat(pcap.ApiEndpoints), e => Assert.NotNull(e.Host));
    }

    [NetnsFact]
    public void Both_inputs_count_the_same_requests_and_status_codes_per_endpoint()
    {
        // The browser sent every revalidation (304) over the wire too, so there is no legitimate difference here.
        var har = session.Catalog(Har).Entries.ToDictionary(e => e.Key);
        foreach (var p in session.Catalog(Pcap).Entries)
        {
            Assert.True(har.TryGetValue(p.Key, out var h), $"{p.Key} missing from the HAR's catalog");
            Assert.True(p.Requests == h.Requests, $"{p.Key}: pcap {p.Requests} requests, HAR {h.Requests}");
            Assert.Equal(Sorted(p.StatusCodes), Sorted(h.StatusCodes));
        }
        Assert.Equal(Scenario.Length, session.Catalog(Har).Entries.Sum(e => e.Requests));
    }

    [NetnsFact]
    public void Both_inputs_see_the_same_auth_kinds_per_endpoint()
    {
        foreach (var input in Inputs)
        {
            var catalog = session.Catalog(input);
            Assert.Equal(["jwt"], catalog.Find("GET", "/profile")!.AuthSchemes.Keys);
            Assert.Equal(["api-key"], catalog.Find("GET", "/accounts")!.AuthSchemes.Keys);
            Assert.All(catalog.Entries.Where(e => e.Path is not "/profile" and not "/accounts"),
                e => Assert.Equal(["none"], e.AuthSchemes.Keys));
        }
        var har = session.Catalog(Har).Entries.ToDictionary(e => e.Key);
        Assert.All(session.Catalog(Pcap).Entries, p => Assert.Equal(Sorted(p.AuthSchemes), Sorted(har[p.Key].AuthSchemes)));
    }

    [NetnsFact]
    public void Both_inputs_find_the_same_sensitive_data_types_per_endpoint()
    {
        var har = session.Catalog(Har).Entries.ToDictionary(e => e.Key);
        var differences = session.Catalog(Pcap).Entries
            .Select(p => (p.Key, Pcap: TypesByDirection(p), Har: har.TryGetValue(p.Key, out var h) ? TypesByDirection(h) : "(no endpoint)"))
            .Where(d => d.Pcap != d.Har)
            .Select(d => $"{d.Key}: pcap [{d.Pcap}] HAR [{d.Har}]")
            .ToArray();
        Assert.True(differences.Length == 0, string.Join("\n", differences));
    }

    [NetnsFact]
    public void Both_inputs_agree_on_exposure()
    {
        // The pcap's client is on the --cluster-cidr network: internal. The HAR has no client address at all.
        var har = session.Catalog(Har).Entries.ToDictionary(e => e.Key);
        Assert.All(session.Catalog(Pcap).Entries, p =>
        {
            Assert.Equal("internal", p.Exposure);
            Assert.Equal(Points(p, RiskFactorNames.Exposure), Points(har[p.Key], RiskFactorNames.Exposure));
        });
    }

    // ---- each input on its own -------------------------------------------------------------------------------

    [NetnsFact]
    public void Pcap_finds_the_planted_data_where_it_was_planted() => AssertPlantedDataFound(Pcap);

    [NetnsFact]
    public void Har_finds_the_planted_data_where_it_was_planted() => AssertPlantedDataFound(Har);

    /// <summary>Item 21: HAR recorders write form bodies as postData.params; they must be inspected like text.</summary>
    [NetnsFact]
    public void Har_form_params_are_inspected()
    {
        var payments = session.Catalog(Har).Find("POST", "/payments")!;
        Assert.Contains(payments.Sensitive, s => s.Type == SensitiveTypes.CreditCard && s.Direction == "request");
        Assert.Contains(payments.Sensitive, s => s.Type == SensitiveTypes.Email && s.Direction == "request");
        Assert.Contains(payments.RequestFields, f => f.Contains("card_number", StringComparison.Ordinal));
    }

    /// <summary>Item 21: a 304's body is the browser's cached copy, never sent; it is not counted again.</summary>
    [NetnsFact]
    public void Har_304_entries_count_no_response_body()
    {
        // Checked on both inputs: the pcap (where a 304 has no body at all) shows the expectation can hold.
        var overcounted = new List<string>();
        foreach (var input in Inputs)
        {
            var revalidated = session.Catalog(input).Entries.Where(e => e.StatusCodes.ContainsKey("304")).ToArray();
            // The item path may or may not be templated from one sample; it is the one under /customers/.
            Assert.Equal(["GET /customers", "GET /customers/…"], revalidated.Where(e => !e.IsStaticAsset)
                .Select(e => e.Path.StartsWith("/customers/", StringComparison.Ordinal) ? "GET /customers/…" : e.Key).Order(StringComparer.Ordinal));
            foreach (var e in revalidated)
            {
                int withBody = e.Requests - e.StatusCodes["304"];
                overcounted.AddRange(e.Sensitive.Where(s => s.Direction == "response" && s.Calls > withBody)
                    .Select(s => $"{input} {e.Key}: {s.Type} at {s.Location} counted in {s.Calls} calls, only {withBody} had a body"));
            }
        }
        Assert.True(overcounted.Count == 0, string.Join("\n", overcounted));
    }

    /// <summary>Item 20: a HAR has no client address; an unknown client is unknown, never external exposure.</summary>
    [NetnsFact]
    public void Har_unknown_client_is_never_scored_as_exposure()
    {
        Assert.All(session.Catalog(Har).Entries, e =>
        {
            Assert.NotEqual("external", e.Exposure);
            Assert.DoesNotContain("external", e.ClientExposures);
            Assert.Equal(0, Points(e, RiskFactorNames.Exposure));
            Assert.All(e.RiskFactors, f => Assert.False(ExternalCallsClaim().IsMatch(f.Evidence), $"{e.Key} {f.Name}: {f.Evidence}"));
        });
    }

    /// <summary>Item 23: the page and its script are static assets, listed apart from the API (HAR: _resourceType).</summary>
    [NetnsFact]
    public void Har_static_assets_are_listed_apart_from_api_endpoints() => AssertStaticAssetsApart(Har);

    /// <summary>Item 23: from the wire alone, the content type tells a static asset.</summary>
    [NetnsFact]
    public void Pcap_static_assets_are_listed_apart_from_api_endpoints() => AssertStaticAssetsApart(Pcap);

    /// <summary>Item 23: listed apart, still scanned — the card number and token hard-coded in the script are findings.</summary>
    [NetnsFact]
    public void Secrets_in_the_static_script_are_still_reported()
    {
        foreach (var input in Inputs)
        {
            var script = session.Catalog(input).Find("GET", "/app.js");
            Assert.True(script is not null, $"{input}: /app.js is not listed at all");
            Assert.Contains(script.Sensitive, s => s.Type == SensitiveTypes.CreditCard && s.Direction == "response");
            Assert.Contains(script.Sensitive, s => s.Type == SensitiveTypes.Jwt && s.Direction == "response");
        }
    }

    // ---- what a user sees is safe ----------------------------------------------------------------------------

    [NetnsFact]
    public void No_planted_value_reaches_any_output_format_or_stderr()
    {
        var leaks = new List<string>();
        var channels = session.Analyses
            .SelectMany(a => new[] { ($"{a.Key.Input} {a.Key.Format} stdout", a.Value.Stdout), ($"{a.Key.Input} {a.Key.Format} stderr", a.Value.Stderr) })
            .Append(("pcap exchanges stdout", session.PcapExchanges.Stdout))
            .Append(("pcap exchanges stderr", session.PcapExchanges.Stderr));
        foreach (var (channel, text) in channels)
        {
            foreach (var value in session.Planted)
            {
                foreach (var (form, encoded) in Encodings(value))
                {
                    if (text.Contains(encoded, StringComparison.OrdinalIgnoreCase))
                    {
                        leaks.Add($"{channel}: planted value #{session.Planted.ToList().IndexOf(value)} ({form})");
                    }
                }
            }
        }
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Distinct()));
    }

    /// <summary>
    /// Item 22: every manifest <c>--format yaml</c> writes is accepted by the real kubectl. A client-side dry run
    /// decodes each object, then maps its kind through API discovery, which a small loopback stub answers with
    /// the ApiEndpoint resource (no cluster can run here).
    /// </summary>
    [NetnsFact]
    public void Yaml_manifests_are_accepted_by_kubectl()
    {
        Assert.True(File.Exists(BrowserTools.Kubectl), $"{BrowserTools.Kubectl} is missing: run scripts/setup.sh");
        using var discovery = new KubernetesDiscoveryStub();
        var rejected = new List<string>();
        foreach (var input in Inputs)
        {
            var path = session.ManifestPath(input);
            var manifests = File.ReadLines(path).Count(l => l.StartsWith("kind: ", StringComparison.Ordinal));
            Assert.True(manifests >= session.Catalog(input).ApiEndpoints.Count(), $"{input}: {manifests} manifests");
            var (exitCode, stdout, stderr) = discovery.Kubectl("create", "--dry-run=client", "--validate=false", "-f", path);
            var accepted = stdout.Split('\n').Count(l => l.EndsWith(" created (dry run)", StringComparison.Ordinal));
            if (exitCode != 0 || accepted != manifests)
            {
                rejected.Add($"{input}: kubectl exit {exitCode}, {accepted} of {manifests} accepted: {FirstLines(stderr, 2)}");
            }
        }
        Assert.True(rejected.Count == 0, string.Join("\n", rejected));
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private void AssertPlantedDataFound(string input)
    {
        var catalog = session.Catalog(input);
        var missing = new List<string>();
        void Expect(string method, string path, string direction, params string[] types)
        {
            var e = catalog.Find(method, path, exact: !path.EndsWith('/'));
            foreach (var type in types)
            {
                if (e is null || !e.Sensitive.Any(s => s.Type == type && s.Direction == direction))
                {
                    missing.Add($"{method} {path}: {type} in the {direction}");
                }
            }
        }
        Expect("GET", "/customers", "response", SensitiveTypes.UsSsn, SensitiveTypes.CreditCard, SensitiveTypes.Email);
        Expect("GET", "/customers", "request", SensitiveTypes.Email); // ?email=…
        Expect("GET", "/customers/", "response", SensitiveTypes.UsSsn, SensitiveTypes.CreditCard, SensitiveTypes.Email);
        Expect("POST", "/orders", "request", SensitiveTypes.CreditCard, SensitiveTypes.Email);
        Expect("POST", "/payments", "request", SensitiveTypes.CreditCard, SensitiveTypes.Email);
        Expect("GET", "/profile", "response", SensitiveTypes.Email);
        Assert.True(missing.Count == 0, $"{input}: not found:\n" + string.Join("\n", missing));
    }

    private void AssertStaticAssetsApart(string input)
    {
        var catalog = session.Catalog(input);
        Log(catalog);
        Assert.Equal(StaticPaths.Order(), catalog.StaticAssets.Select(e => e.Path).Order());
        Assert.DoesNotContain(catalog.ApiEndpoints, e => StaticPaths.Contains(e.Path));
        // GET /customers, GET /customers/…, POST /orders, PUT and DELETE /orders/…, POST /payments, GET /profile, GET /accounts
        Assert.Equal(8, catalog.ApiEndpoints.Count());
    }

    private static IEnumerable<(string Form, string Encoded)> Encodings(string value)
    {
        yield return ("raw", value);
        var urlEncoded = Uri.EscapeDataString(value);
        if (urlEncoded != value)
        {
            yield return ("url-encoded", urlEncoded);
        }
        yield return ("base64", Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).TrimEnd('='));
        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length >= 9 && digits != value)
        {
            yield return ("digits only", digits);
        }
    }

    private static double Points(EndpointView e, string factor) => e.RiskFactors.Where(f => f.Name == factor).Select(f => f.Points).SingleOrDefault();

    private static string TypesByDirection(EndpointView e) =>
        string.Join(", ", e.Sensitive.Select(s => $"{s.Direction}:{s.Type}").Distinct().Order(StringComparer.Ordinal));

    private static string[] Keys(IEnumerable<EndpointView> entries) => entries.Select(e => e.Key).Order(StringComparer.Ordinal).ToArray();

    private static string[] Sorted(IReadOnlyDictionary<string, int> counts) =>
        counts.Select(c => $"{c.Key}={c.Value}").Order(StringComparer.Ordinal).ToArray();

    private static string FirstLines(string text, int count) => string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Distinct().Take(count));

    private void Log(params CatalogView[] catalogs)
    {
        foreach (var catalog in catalogs)
        {
            foreach (var e in catalog.Entries)
            {
                output.WriteLine($"{(e.IsStaticAsset ? "static" : "api   ")} {e.Key} {e.Requests} [{string.Join(',', Sorted(e.StatusCodes))}] {TypesByDirection(e)}");
            }
            output.WriteLine("");
        }
    }

    /// <summary>Evidence claiming some calls came from external clients ("2 of 2 calls from external clients").</summary>
    [GeneratedRegex(@"\b[1-9][0-9]* (of [0-9]+ )?calls from external clients")]
    private static partial Regex ExternalCallsClaim();
}
