using System.Text;
using static ApiSentinel.Cli.Tests.Adversarial.Privacy.CoveredPlacements;

namespace ApiSentinel.Cli.Tests.Adversarial.Privacy;

/// <summary>
/// The places issue 6 found raw values leaking through the sensor's extractor (items 1–5), as generators: data
/// in JSON object keys and form field names, the Host header, token-shaped names (header names, User-Agent
/// products, media types, methods), userinfo the target redaction misses, and credential names no rule covers.
/// </summary>
internal static class ExtractionLeakPlacements
{
    /// <summary>Item 1: maps keyed by e-mail, card, SSN, key or token, in JSON (plain and gzip) and as form field names.</summary>
    public static Placement JsonKeysAndFormNames { get; } = new("json object keys and form field names", t =>
    {
        string Keys(string where)
        {
            var members = new StringBuilder();
            foreach (var kind in MarkerFactory.SecretKinds)
            {
                members.Append(members.Length == 0 ? "" : ",").Append('"').Append(t.Plant(kind, $"{where} JSON object key")).Append("\":{\"role\":\"admin\",\"n\":1}");
            }
            return $"{{\"members\":{{{members}}},\"count\":{MarkerFactory.SecretKinds.Length}}}";
        }
        t.Add(new PlantedExchange
        {
            Method = "POST", Target = "/v1/teams/7/members", HarUrl = Url("/v1/teams/7/members"),
            RequestHeaders = Headers(("Content-Type", "application/json")), RequestBody = Keys("request body"),
            ResponseHeaders = [("Content-Type", "application/json")], ResponseBody = Keys("response body"),
        });
        t.Add(new PlantedExchange
        {
            Target = "/v1/teams/8/members", HarUrl = Url("/v1/teams/8/members"), RequestHeaders = Headers(),
            ResponseHeaders = [("Content-Type", "application/json")], ResponseBody = Keys("gzip response body"), GzipResponseBody = true,
        });
        var form = string.Join('&', MarkerFactory.SecretKinds.Select(kind => Uri.EscapeDataString(t.Plant(kind, "form field name")) + "=1"));
        t.Add(new PlantedExchange
        {
            Method = "POST", Target = "/v1/teams/9/invite", HarUrl = Url("/v1/teams/9/invite"),
            RequestHeaders = Headers(("Content-Type", "application/x-www-form-urlencoded")), RequestBody = form,
        });
    });

    /// <summary>Item 2: the Host header with userinfo, or made of a card number or an e-mail address.</summary>
    public static Placement HostHeader { get; } = new("host header", t =>
    {
        var user = t.Plant(MarkerFactory.Opaque, "host header userinfo user", t.Values.UserName());
        var password = t.Plant(MarkerFactory.Opaque, "host header userinfo password");
        t.Plant(MarkerFactory.Opaque, "host header userinfo user:password", $"{user}:{password}");
        var hosts = new[]
        {
            $"{user}:{password}@{t.Plant("card", "host header label (after userinfo)")}.example",
            $"{t.Plant("card", "host header label")}.shop.example:8080",
            t.Plant("email", "host header"),
            $"{t.Plant("aws-key", "host header label").ToLowerInvariant()}.example",
        };
        var i = 0;
        foreach (var host in hosts)
        {
            var target = $"/v1/host/{++i}";
            t.Add(new PlantedExchange { Target = target, HarUrl = Url(target), RequestHeaders = [("Host", host)] });
        }
    });

    /// <summary>Item 3: secrets that are plain tokens, where names are echoed — header names, User-Agent products, media types, methods.</summary>
    public static Placement TokenShapedNames { get; } = new("token-shaped names", t =>
    {
        string Dashed(string card) => $"{card[..4]}-{card[4..8]}-{card[8..12]}-{card[12..]}";
        var stripe = t.Plant("stripe-key", "request header name", "sk_live_" + t.Values.OpaqueValue());
        t.Add(new PlantedExchange
        {
            Target = "/v1/names/headers", HarUrl = Url("/v1/names/headers"),
            RequestHeaders = Headers(
                (t.Plant("aws-key", "request header name"), "1"), (t.Plant("ghp-token", "request header name"), "1"), (stripe, "1"),
                (t.Plant("card", "request header name (dashed)", Dashed(t.Values.Card())), "1")),
            ResponseHeaders = [(t.Plant("aws-key", "response header name"), "1")],
        });
        t.Add(new PlantedExchange
        {
            Target = "/v1/names/agent", HarUrl = Url("/v1/names/agent"),
            RequestHeaders = Headers(("User-Agent", t.Plant("aws-key", "user-agent product") + "/1.0")),
        });
        t.Add(new PlantedExchange
        {
            Target = "/v1/names/agent2", HarUrl = Url("/v1/names/agent2"),
            RequestHeaders = Headers(("User-Agent", t.Plant("ghp-token", "user-agent product") + "/2.0")),
        });
        t.Add(new PlantedExchange
        {
            Method = "POST", Target = "/v1/names/media", HarUrl = Url("/v1/names/media"),
            RequestHeaders = Headers(("Content-Type", "application/" + t.Plant("ghp-token", "request media type"))), RequestBody = "x",
            ResponseHeaders = [("Content-Type", "text/" + t.Plant("aws-key", "response media type"))], ResponseBody = "y",
        });
        t.Add(new PlantedExchange { Method = t.Plant("aws-key", "method"), Target = "/v1/names/method", HarUrl = Url("/v1/names/method"), RequestHeaders = Headers() });
        t.Add(new PlantedExchange { Method = t.Plant("ghp-token", "method"), Target = "/v1/names/method2", HarUrl = Url("/v1/names/method2"), RequestHeaders = Headers() });
        t.Add(new PlantedExchange { Method = t.Plant("card", "method (dashed card)", Dashed(t.Values.Card())), Target = "/v1/names/method3", HarUrl = Url("/v1/names/method3"), RequestHeaders = Headers() });
    });

    /// <summary>Item 4: userinfo in authority-form CONNECT, in <c>//user:pass@host/</c>, and with '?' or '#' in the password.</summary>
    public static Placement UserinfoInTargets { get; } = new("userinfo in targets", t =>
    {
        (string User, string Password) Credentials(string where, string? inner = null)
        {
            var user = t.Plant(MarkerFactory.Opaque, where + " user name", t.Values.UserName());
            var first = t.Plant(MarkerFactory.Opaque, where + " password (first part)");
            var password = inner is null ? first : first + inner + t.Plant(MarkerFactory.Opaque, where + " password (last part)");
            t.Plant(MarkerFactory.Opaque, where + " user:password", $"{user}:{password}");
            return (user, password);
        }
        var connect = Credentials("CONNECT authority-form");
        t.Add(new PlantedExchange { Method = "CONNECT", Target = $"{connect.User}:{connect.Password}@{PlantedTraffic.Host}:443", RequestHeaders = Headers() });
        var network = Credentials("network-path target //user:pass@host/");
        t.Add(new PlantedExchange { Target = $"//{network.User}:{network.Password}@{PlantedTraffic.Host}/v1/relative", RequestHeaders = Headers() });
        var query = Credentials("absolute-form target with '?' in the password", "?");
        t.Add(new PlantedExchange { Target = $"http://{query.User}:{query.Password}@{PlantedTraffic.Host}/v1/q", RequestHeaders = Headers() });
        var fragment = Credentials("absolute-form target with '#' in the password", "#");
        t.Add(new PlantedExchange { Target = $"http://{fragment.User}:{fragment.Password}@{PlantedTraffic.Host}/v1/f", RequestHeaders = Headers() });
    });

    /// <summary>
    /// Item 5: credential parameter names beyond any list — generated from credential words, prefixes and
    /// separators — with opaque values; and card numbers hidden in path segments (<c>card_PAN</c>, dotted).
    /// </summary>
    public static Placement CredentialNames { get; } = new("credential names", t =>
    {
        var random = new Random(t.Seed * 31 + 5);
        string[] words = ["security_code", "otp_code", "auth_key", "jwt", "otp", "pin", "cvv", "cvc", "passcode", "passwd", "pwd", "secret", "token", "apikey", "signature", "verification_code", "private_key", "session_key", "refresh"];
        string[] prefixes = ["", "x_", "user_", "client_", "my", "new_"];
        string[] suffixes = ["", "_value", "2"];
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < 12)
        {
            var name = prefixes[random.Next(prefixes.Length)] + words[random.Next(words.Length)] + suffixes[random.Next(suffixes.Length)];
            if (random.Next(3) == 0)
            {
                name = name.Replace('_', '-');
            }
            names.Add(name);
        }
        foreach (var fixedName in new[] { "security_code", "otp_code", "auth_key", "jwt", "session_id" })
        {
            names.Add(fixedName);
        }
        var query = new StringBuilder("/v1/verify?step=1");
        foreach (var name in names)
        {
            query.Append('&').Append(name).Append('=').Append(t.Plant(MarkerFactory.Opaque, $"query value of credential parameter {name}"));
        }
        var target = query.ToString();
        t.Add(new PlantedExchange { Target = target, HarUrl = Url(target), RequestHeaders = Headers() });
        var card = t.Values.Card();
        var prefixed = $"/v1/cards/card_{t.Plant("card", "path segment card_<PAN>", card)}/limits";
        t.Add(new PlantedExchange { Target = prefixed, HarUrl = Url(prefixed), RequestHeaders = Headers() });
        var other = t.Values.Card();
        var dotted = $"/v1/cards/{t.Plant("card", "path segment (dotted card number)", $"{other[..4]}.{other[4..8]}.{other[8..12]}.{other[12..]}")}/limits";
        t.Add(new PlantedExchange { Target = dotted, HarUrl = Url(dotted), RequestHeaders = Headers() });
    });
}
