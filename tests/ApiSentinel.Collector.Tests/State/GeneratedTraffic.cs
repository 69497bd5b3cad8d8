using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Tests.State;

/// <summary>
/// A seeded multi-source, multi-host call stream with everything the catalog keeps state for: numeric, uuid and
/// word-valued ids (so templates settle late and endpoints merge), fixed siblings, query and body fields, headers,
/// credentials (keyed-fingerprint shaped), sensitive data with masked samples, timings, internal, external and
/// unknown clients, a scanner, an id enumeration and an auth-failure burst, and clients that go idle long enough
/// to expire. Roughly in time order per source, as a capture is.
/// </summary>
internal static class GeneratedTraffic
{
    public const long Epoch = 1_700_000_000L * 1_000_000;

    private static readonly string[] Hosts = ["shop.test", "api.example.test", "billing.test"];
    private static readonly string[] Sources = ["sensor-a", "sensor-b"];
    private static readonly string[] Words = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliet", "kilo", "lima", "mike", "november", "oscar", "papa"];

    public static List<ApiCall> Calls(int seed, int count)
    {
        var random = new Random(seed);
        var calls = new List<ApiCall>(count + 200);
        var time = Epoch;
        for (var i = 0; i < count; i++)
        {
            // Mostly 50 ms apart; now and then a long quiet spell, so clients go idle and expire.
            time += random.Next(100) == 0 ? 12L * 60 * 1_000_000 : random.Next(1, 100_000);
            calls.Add(Ordinary(random, time, i));
            if (i == count / 5)
            {
                Scanner(calls, time, "198.51.100.7", "sensor-a");
            }
            if (i == count / 3)
            {
                Enumeration(calls, time, "198.51.100.8", "sensor-b");
            }
            if (i == count / 2)
            {
                AuthFailures(calls, time, "198.51.100.9", "sensor-a");
            }
        }
        return calls;
    }

    private static ApiCall Ordinary(Random random, long time, int index)
    {
        var host = Hosts[random.Next(Hosts.Length)];
        var clientNumber = random.Next(40);
        string? client = clientNumber switch
        {
            < 15 => $"10.0.0.{clientNumber + 1}",
            < 38 => $"203.0.113.{clientNumber}",
            _ => null,
        };
        var (method, path, status) = random.Next(9) switch
        {
            0 => ("GET", $"/api/v1/users/{random.Next(1, 500)}", 200),
            1 => ("GET", $"/api/v1/users/{random.Next(1, 500)}/orders", 200),
            2 => ("GET", "/api/v1/users/me", 200),
            3 => ("POST", "/api/v1/orders", 201),
            4 => ("GET", $"/api/v1/orders/{SeededGuid(random)}", random.Next(10) == 0 ? 404 : 200),
            5 => ("GET", $"/catalog/items/{Words[random.Next(Words.Length)]}-{random.Next(3)}", 200),
            6 => ("DELETE", $"/api/v1/users/{random.Next(1, 500)}", 204),
            7 => ("GET", $"/reports/{Words[random.Next(Words.Length)]}", random.Next(4) == 0 ? 403 : 200),
            _ => ("GET", "/health", 200),
        };
        var auth = random.Next(4) switch { 0 => "none", 1 => "bearer", 2 => "jwt", _ => "api-key" };
        return new ApiCall
        {
            TimestampMicros = time,
            Source = Sources[index % 7 == 0 ? 1 : 0],
            ClientAddress = client,
            Server = "192.0.2.10:8080",
            Host = host,
            Method = method,
            Path = path,
            Status = random.Next(50) == 0 ? null : status,
            Query = random.Next(3) == 0 ? [new FieldObservation("page", "integer"), new FieldObservation("sort", "string")] : [],
            RequestBytes = method == "POST" ? random.Next(10, 900) : 0,
            ResponseBytes = random.Next(0, 4000),
            DurationMicros = random.Next(5) == 0 ? null : random.Next(100, 90_000),
            Auth = auth,
            AuthLocation = auth == "none" ? null : auth == "api-key" ? (random.Next(3) == 0 ? "query:api_key" : "header:x-api-key") : "header:authorization",
            JwtAlgorithm = auth == "jwt" ? (random.Next(5) == 0 ? "none" : "RS256") : null,
            CredentialFingerprint = auth == "none" ? null : $"fp{random.Next(60):x8}",
            Sensitive = random.Next(6) == 0 ? [new SensitiveObservation("email", "response:$.email", 1 + random.Next(2), random.Next(2) == 0 ? "j***@e******.test" : null)] : [],
            RequestContentType = method == "POST" ? "application/json" : null,
            ResponseContentType = status == 204 ? null : random.Next(20) == 0 ? "text/html" : "application/json",
            RequestHeaders = ["accept", "user-agent", .. auth == "none" ? Array.Empty<string>() : ["authorization"]],
            ResponseHeaders = ["content-type", "date", .. random.Next(3) == 0 ? ["etag"] : Array.Empty<string>()],
            RequestFields = method == "POST" ? [new FieldObservation("$.sku", "string"), new FieldObservation("$.quantity", random.Next(5) == 0 ? "string" : "integer")] : [],
            ResponseFields = [new FieldObservation("$.id", "integer"), new FieldObservation("$.items[*].name", "string"), new FieldObservation("$.email", "string")],
            UserAgent = random.Next(2) == 0 ? "curl" : "python-requests",
            ClientTool = null,
        };
    }

    private static Guid SeededGuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    private static void Scanner(List<ApiCall> calls, long time, string client, string source)
    {
        string[] probes = ["/.env", "/admin", "/wp-login.php", "/phpmyadmin", "/.git/config", "/server-status", "/backup.zip", "/config.json", "/debug", "/actuator/env", "/console", "/api/swagger.json"];
        for (var i = 0; i < 60; i++)
        {
            calls.Add(Probe(time + (i * 200_000), client, source, probes[i % probes.Length] + (i >= probes.Length ? $"/{i}" : ""), 404, i % 3 == 0 ? "nikto" : null));
        }
    }

    private static void Enumeration(List<ApiCall> calls, long time, string client, string source)
    {
        for (var i = 0; i < 40; i++)
        {
            calls.Add(Probe(time + (i * 150_000), client, source, $"/api/v1/users/{1000 + i}", i % 4 == 0 ? 404 : 200, null));
        }
    }

    private static void AuthFailures(List<ApiCall> calls, long time, string client, string source)
    {
        for (var i = 0; i < 30; i++)
        {
            calls.Add(Probe(time + (i * 100_000), client, source, $"/api/v1/users/{i + 1}/orders", i % 2 == 0 ? 401 : 403, null));
        }
    }

    private static ApiCall Probe(long time, string client, string source, string path, int status, string? tool) => new()
    {
        TimestampMicros = time,
        Source = source,
        ClientAddress = client,
        Server = "192.0.2.10:8080",
        Host = "shop.test",
        Method = "GET",
        Path = path,
        Status = status,
        ResponseContentType = "application/json",
        ClientTool = tool,
        UserAgent = tool ?? "go-http-client",
    };
}
