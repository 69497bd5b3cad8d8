using System.Text;

namespace ApiSentinel.Cli.Tests.Adversarial.Privacy;

/// <summary>
/// Every place a raw value can sit that the sensor's extractor already keeps to itself: header and cookie values,
/// credentials, query values and (data-bearing) names, path segments, JSON and form values, media-type
/// parameters, the User-Agent beyond its product, userinfo in absolute-form targets, multipart parts, gzip and
/// chunked bodies, response headers. Secret-shaped markers go everywhere a detector must find them; opaque
/// ones where any value is a credential, because no detector can recognise them and only the position tells.
/// </summary>
internal static class CoveredPlacements
{
    private static readonly string[] AllKinds = [.. MarkerFactory.SecretKinds, MarkerFactory.Opaque];

    public static IReadOnlyList<Placement> All { get; } =
    [
        new("header values", HeaderValues),
        new("cookies", Cookies),
        new("authorization basic", AuthorizationBasic),
        new("authorization bearer and jwt", AuthorizationBearer),
        new("query values", QueryValues),
        new("query names", QueryNames),
        new("path segments", PathSegments),
        new("json values", JsonValues),
        new("form values", FormValues),
        new("user-agent", UserAgent),
        new("media-type parameters", MediaTypeParameters),
        new("absolute-form userinfo", AbsoluteFormUserinfo),
        new("multipart", Multipart),
        new("gzip and chunked bodies", CompressedAndChunked),
        new("response headers", ResponseHeaders),
    ];

    internal static string Url(string target) => target.StartsWith('/') ? "http://" + PlantedTraffic.Host + target : target;

    internal static List<(string, string)> Headers(params (string, string)[] extra) =>
        [("Host", PlantedTraffic.Host), .. extra];

    private static void HeaderValues(PlantedTraffic t)
    {
        var headers = Headers();
        var i = 0;
        foreach (var kind in AllKinds)
        {
            var name = $"X-Trace-{++i}";
            headers.Add((name, t.Plant(kind, $"request header {name} value")));
        }
        headers.Add(("X-Api-Key", t.Plant(MarkerFactory.Opaque, "request header X-Api-Key value")));
        headers.Add(("X-Forwarded-Client-Cert", "Hash=" + t.Plant(MarkerFactory.Opaque, "request header X-Forwarded-Client-Cert value")));
        t.Add(new PlantedExchange { Target = "/v1/headers", HarUrl = Url("/v1/headers"), RequestHeaders = headers, ResponseBody = "{}", ResponseHeaders = [("Content-Type", "application/json")] });
    }

    private static void Cookies(PlantedTraffic t)
    {
        var cookie = $"sid={t.Plant(MarkerFactory.Opaque, "cookie sid")}; csrftoken={t.Plant(MarkerFactory.Opaque, "cookie csrftoken")}; " +
                     $"pref={t.Plant("card", "cookie pref")}; mail={t.Plant("email", "cookie mail")}; gh={t.Plant("ghp-token", "cookie gh")}";
        t.Add(new PlantedExchange
        {
            Target = "/v1/cookies", HarUrl = Url("/v1/cookies"), RequestHeaders = Headers(("Cookie", cookie)),
            ResponseHeaders = [("Set-Cookie", $"session={t.Plant(MarkerFactory.Opaque, "response Set-Cookie session")}; Path=/; HttpOnly")],
        });
    }

    private static void AuthorizationBasic(PlantedTraffic t)
    {
        var user = t.Plant(MarkerFactory.Opaque, "basic auth user name", t.Values.UserName());
        var password = t.Plant(MarkerFactory.Opaque, "basic auth password");
        var pair = t.Plant(MarkerFactory.Opaque, "basic auth user:password", $"{user}:{password}");
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(pair));
        t.Add(new PlantedExchange { Method = "POST", Target = "/v1/login", HarUrl = Url("/v1/login"), RequestHeaders = Headers(("Authorization", "Basic " + encoded)), RequestBody = "" });
    }

    private static void AuthorizationBearer(PlantedTraffic t)
    {
        t.Add(new PlantedExchange { Target = "/v1/me", HarUrl = Url("/v1/me"), RequestHeaders = Headers(("Authorization", "Bearer " + t.Plant(MarkerFactory.Opaque, "authorization bearer token"))) });
        t.Add(new PlantedExchange { Target = "/v1/me/jwt", HarUrl = Url("/v1/me/jwt"), RequestHeaders = Headers(("Authorization", "Bearer " + t.Plant("jwt", "authorization bearer jwt"))) });
        t.Add(new PlantedExchange { Target = "/v1/me/token", HarUrl = Url("/v1/me/token"), RequestHeaders = Headers(("Authorization", "Token " + t.Plant(MarkerFactory.Opaque, "authorization Token scheme"))) });
        t.Add(new PlantedExchange { Target = "/v1/me/proxy", HarUrl = Url("/v1/me/proxy"), RequestHeaders = Headers(("Proxy-Authorization", "Bearer " + t.Plant(MarkerFactory.Opaque, "proxy-authorization bearer"))) });
    }

    private static void QueryValues(PlantedTraffic t)
    {
        var query = new StringBuilder("/v1/search?page=2");
        foreach (var name in new[] { "token", "api_key", "access_token", "password", "client_secret", "apikey" })
        {
            query.Append('&').Append(name).Append('=').Append(t.Plant(MarkerFactory.Opaque, $"query value of credential parameter {name}"));
        }
        var i = 0;
        foreach (var kind in MarkerFactory.SecretKinds)
        {
            var name = $"f{++i}";
            query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(t.Plant(kind, $"query value of plain parameter {name}")));
        }
        var target = query.ToString();
        t.Add(new PlantedExchange { Target = target, HarUrl = Url(target), RequestHeaders = Headers() });
    }

    private static void QueryNames(PlantedTraffic t)
    {
        var query = new StringBuilder("/v1/filter?limit=5");
        foreach (var kind in MarkerFactory.SecretKinds)
        {
            query.Append('&').Append(Uri.EscapeDataString(t.Plant(kind, "query parameter name"))).Append("=1");
        }
        var target = query.ToString();
        t.Add(new PlantedExchange { Target = target, HarUrl = Url(target), RequestHeaders = Headers() });
    }

    private static void PathSegments(PlantedTraffic t)
    {
        foreach (var kind in MarkerFactory.SecretKinds)
        {
            var target = $"/v1/lookup/{Uri.EscapeDataString(t.Plant(kind, "path segment"))}/details";
            t.Add(new PlantedExchange { Target = target, HarUrl = Url(target), RequestHeaders = Headers(), ResponseBody = "{\"ok\":true}", ResponseHeaders = [("Content-Type", "application/json")] });
        }
    }

    /// <summary>A JSON object with every kind of marker as a value, nested and in arrays, under ordinary and credential keys.</summary>
    internal static string JsonWithValues(PlantedTraffic t, string where) =>
        $$$"""
        {"user":{"id":7,"email":"{{{t.Plant("email", where + " $.user.email")}}}","ssn":"{{{t.Plant("ssn", where + " $.user.ssn")}}}",
         "card":{"number":"{{{t.Plant("card", where + " $.user.card.number")}}}","spaced":"{{{Spaced(t.Plant("card", where + " $.user.card.spaced"))}}}"}},
         "keys":["{{{t.Plant("aws-key", where + " $.keys[0]")}}}","{{{t.Plant("ghp-token", where + " $.keys[1]")}}}","{{{t.Plant("jwt", where + " $.keys[2]")}}}"],
         "password":"{{{t.Plant(MarkerFactory.Opaque, where + " $.password")}}}","apiKey":"{{{t.Plant(MarkerFactory.Opaque, where + " $.apiKey")}}}",
         "note":"call {{{t.Plant("email", where + " $.note (inside text)")}}} today"}
        """;

    /// <summary>"4111 1111 1111 1111": detectors must see through separators; the marker is the spaced text itself.</summary>
    private static string Spaced(string card) => $"{card[..4]} {card[4..8]} {card[8..12]} {card[12..]}";

    private static void JsonValues(PlantedTraffic t)
    {
        t.Add(new PlantedExchange
        {
            Method = "POST", Target = "/v1/customers", HarUrl = Url("/v1/customers"),
            RequestHeaders = Headers(("Content-Type", "application/json")), RequestBody = JsonWithValues(t, "request body"),
            ResponseHeaders = [("Content-Type", "application/json")], ResponseBody = JsonWithValues(t, "response body"),
        });
    }

    private static void FormValues(PlantedTraffic t)
    {
        var body = $"username={t.Plant(MarkerFactory.Opaque, "form value username", t.Values.UserName())}&password={t.Plant(MarkerFactory.Opaque, "form value password")}" +
                   $"&card={t.Plant("card", "form value card")}&email={Uri.EscapeDataString(t.Plant("email", "form value email"))}" +
                   $"&comment=hello+{t.Plant("ssn", "form value comment (after +)")}";
        t.Add(new PlantedExchange
        {
            Method = "POST", Target = "/v1/signup", HarUrl = Url("/v1/signup"),
            RequestHeaders = Headers(("Content-Type", "application/x-www-form-urlencoded")), RequestBody = body, Status = 302,
            ResponseHeaders = [("Location", "/v1/welcome")],
        });
    }

    private static void UserAgent(PlantedTraffic t)
    {
        var ua = $"acme-client/{t.Plant(MarkerFactory.Opaque, "user-agent product version")} ({t.Plant("email", "user-agent comment")}; {t.Plant("card", "user-agent comment")}) " +
                 $"plugin/{t.Plant("aws-key", "user-agent second product version")}";
        t.Add(new PlantedExchange { Target = "/v1/agent", HarUrl = Url("/v1/agent"), RequestHeaders = Headers(("User-Agent", ua)) });
    }

    private static void MediaTypeParameters(PlantedTraffic t)
    {
        t.Add(new PlantedExchange
        {
            Method = "PUT", Target = "/v1/media", HarUrl = Url("/v1/media"),
            RequestHeaders = Headers(
                ("Content-Type", $"application/json; charset=utf-8; x-signature={t.Plant(MarkerFactory.Opaque, "request content-type parameter")}"),
                ("Accept", $"application/json; token={t.Plant(MarkerFactory.Opaque, "accept parameter")}")),
            RequestBody = "{\"a\":1}",
            ResponseHeaders = [("Content-Type", $"application/json; profile=\"{t.Plant("email", "response content-type parameter")}\"")],
            ResponseBody = "{}",
        });
    }

    private static void AbsoluteFormUserinfo(PlantedTraffic t)
    {
        var user = t.Plant(MarkerFactory.Opaque, "absolute-form target user name", t.Values.UserName());
        var password = t.Plant(MarkerFactory.Opaque, "absolute-form target password");
        t.Plant(MarkerFactory.Opaque, "absolute-form target user:password", $"{user}:{password}");
        var target = $"http://{user}:{password}@{PlantedTraffic.Host}/v1/proxied";
        t.Add(new PlantedExchange { Target = target, HarUrl = target, RequestHeaders = Headers() });
    }

    private static void Multipart(PlantedTraffic t)
    {
        var boundary = "----b" + t.Plant(MarkerFactory.Opaque, "multipart boundary");
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"comment\"\r\n\r\n{t.Plant("card", "multipart part value")}\r\n" +
                   $"--{boundary}\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"{t.Plant(MarkerFactory.Opaque, "multipart filename")}.png\"\r\n" +
                   $"Content-Type: image/png\r\n\r\n{t.Plant("ssn", "multipart file content")}\r\n--{boundary}--\r\n";
        t.Add(new PlantedExchange
        {
            Method = "POST", Target = "/v1/upload", HarUrl = Url("/v1/upload"),
            RequestHeaders = Headers(("Content-Type", "multipart/form-data; boundary=" + boundary)), RequestBody = body,
        });
    }

    private static void CompressedAndChunked(PlantedTraffic t)
    {
        t.Add(new PlantedExchange
        {
            Method = "POST", Target = "/v1/batch", HarUrl = Url("/v1/batch"),
            RequestHeaders = Headers(("Content-Type", "application/json")), RequestBody = JsonWithValues(t, "gzip request body"), GzipRequestBody = true,
            ResponseHeaders = [("Content-Type", "application/json")], ResponseBody = JsonWithValues(t, "gzip response body"), GzipResponseBody = true,
        });
        t.Add(new PlantedExchange
        {
            Target = "/v1/stream", HarUrl = Url("/v1/stream"), RequestHeaders = Headers(),
            ResponseHeaders = [("Content-Type", "application/json")], ResponseBody = JsonWithValues(t, "chunked response body"), ChunkedResponse = true,
        });
    }

    private static void ResponseHeaders(PlantedTraffic t)
    {
        t.Add(new PlantedExchange
        {
            Target = "/v1/redirect", HarUrl = Url("/v1/redirect"), RequestHeaders = Headers(), Status = 302,
            ResponseHeaders =
            [
                ("Location", $"https://idp.example/cb?code={t.Plant(MarkerFactory.Opaque, "response Location query value")}"),
                ("X-Request-Signature", t.Plant(MarkerFactory.Opaque, "response header value")),
                ("WWW-Authenticate", $"Bearer realm=\"{t.Plant(MarkerFactory.Opaque, "response WWW-Authenticate realm")}\""),
                ("X-Owner", t.Plant("email", "response header value")),
            ],
        });
    }
}
