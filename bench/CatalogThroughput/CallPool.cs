using System.Globalization;
using System.Text;
using ApiSentinel.Contract;

namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// Pre-built calls with varying concrete paths (ids, UUIDs, slugs), clients, statuses and field-shape variants,
/// built once outside the timed region. <see cref="CallStream"/> replays them with advancing timestamps.
/// </summary>
internal sealed class CallPool
{
    private static readonly string[] ProbePaths =
    [
        "/.env", "/wp-login.php", "/admin", "/phpmyadmin/index.php", "/.git/config", "/server-status", "/actuator/env",
        "/console", "/backup.sql", "/config.json", "/api/v1/debug", "/cgi-bin/test.cgi", "/xmlrpc.php", "/.aws/credentials",
    ];

    private static readonly string[][] ResponseHeaderVariants =
    [
        Vocabulary.ResponseHeaderNames[..6],
        Vocabulary.ResponseHeaderNames[..8],
        [.. Vocabulary.ResponseHeaderNames[..4], .. Vocabulary.ResponseHeaderNames[8..]],
    ];

    private CallPool(ApiCall[] calls, int endpoints)
    {
        Calls = calls;
        Endpoints = endpoints;
    }

    public ApiCall[] Calls { get; }

    /// <summary>Endpoints of the synthetic API (probe paths of scanners come on top).</summary>
    public int Endpoints { get; }

    public static CallPool Build(int endpoints, int size, int seed)
    {
        var random = new Random(seed);
        var shapes = ApiModel.Build(endpoints, random);
        var clients = new ClientPopulation(clients: 20_000, credentials: 3_000, scanners: 12, random);
        var cumulative = new double[shapes.Count];
        var sum = 0.0;
        for (var i = 0; i < shapes.Count; i++)
        {
            cumulative[i] = sum += shapes[i].Weight;
        }

        // Slug values: a few thousand product handles / owner names, so slug positions become parameters by
        // cardinality (many words, each rare).
        var slugs = Enumerable.Range(0, 3_000).Select(i => Vocabulary.Word(i * 7 + 100_003)).ToArray();
        var requestHeaders = new Dictionary<(string?, bool), string[]>();
        var calls = new ApiCall[size];
        for (var i = 0; i < size; i++)
        {
            // 0.3% of calls are scanners probing paths the API does not have.
            if (random.Next(1000) < 3)
            {
                calls[i] = Probe(clients.Scanners[random.Next(clients.Scanners.Count)], random);
                continue;
            }

            var index = Array.BinarySearch(cumulative, random.NextDouble() * sum);
            var shape = shapes[Math.Min(index < 0 ? ~index : index, shapes.Count - 1)];
            var client = clients.Pick(random);
            var status = Status(shape.Method, client, random);
            var hasBody = shape.Method is "POST" or "PUT";
            var ok = status is >= 200 and < 300;
            calls[i] = new ApiCall
            {
                ClientAddress = client.Address,
                Server = shape.Server,
                Host = shape.Host,
                Method = shape.Method,
                Path = ConcretePath(shape, slugs, random),
                Query = shape.Query.Count == 0 ? [] : shape.Query.Take(random.Next(1, shape.Query.Count + 1)).ToArray(),
                Status = status,
                RequestBytes = hasBody ? random.Next(200, 4_000) : 0,
                ResponseBytes = status is null ? null : random.Next(50, 40_000),
                DurationMicros = status is null ? null : random.Next(800, 400_000),
                Auth = client.Auth,
                AuthLocation = client.AuthLocation,
                JwtAlgorithm = client.JwtAlgorithm,
                CredentialFingerprint = client.CredentialFingerprint,
                Sensitive = ok ? shape.Sensitive : [],
                RequestContentType = hasBody ? "application/json" : null,
                ResponseContentType = status is null or 204 or 304 ? null : "application/json",
                RequestHeaders = RequestHeaders(requestHeaders, client.AuthLocation, hasBody),
                ResponseHeaders = status is null ? [] : ResponseHeaderVariants[random.Next(ResponseHeaderVariants.Length)],
                RequestFields = hasBody ? shape.RequestFieldVariants[random.Next(shape.RequestFieldVariants.Count)] : [],
                ResponseFields = ok ? shape.ResponseFieldVariants[random.Next(shape.ResponseFieldVariants.Count)] : [],
                UserAgent = client.UserAgent,
                ClientTool = client.ClientTool,
            };
        }

        return new CallPool(calls, shapes.Count);
    }

    /// <summary>Realistic mix: mostly 2xx, some 304/4xx, rare 5xx and calls whose response was never seen.</summary>
    private static int? Status(string method, Client client, Random random)
    {
        var roll = random.Next(1000);
        if (roll < 5)
        {
            return null;
        }

        // Clients without credentials are the ones that collect 401s.
        if (client.Auth == "none" && roll < 120)
        {
            return 401;
        }

        return roll switch
        {
            < 20 => 304,
            < 50 => 400,
            < 75 => 401,
            < 85 => 403,
            < 125 => 404,
            < 130 => 409,
            < 135 => 429,
            < 145 => 500,
            < 150 => 503,
            _ => method switch { "POST" => 201, "DELETE" => 204, _ => 200 },
        };
    }

    private static string ConcretePath(EndpointShape shape, string[] slugs, Random random)
    {
        var path = new StringBuilder(64);
        var parameter = 0;
        Span<byte> uuid = stackalloc byte[16];
        foreach (var segment in shape.Segments)
        {
            path.Append('/');
            if (segment is not null)
            {
                path.Append(segment);
                continue;
            }

            switch (shape.IdStyles[parameter++])
            {
                case IdStyle.Integer:
                    path.Append(random.Next(1, 5_000_000).ToString(CultureInfo.InvariantCulture));
                    break;
                case IdStyle.Uuid:
                    random.NextBytes(uuid);
                    path.Append(new Guid(uuid).ToString());
                    break;
                default:
                    path.Append(slugs[random.Next(slugs.Length)]);
                    break;
            }
        }

        return path.ToString();
    }

    private static string[] RequestHeaders(Dictionary<(string?, bool), string[]> cache, string? authLocation, bool hasBody)
    {
        if (!cache.TryGetValue((authLocation, hasBody), out var names))
        {
            var list = new List<string>(Vocabulary.RequestHeaderNames[..4]) { "x-request-id", "traceparent" };
            if (authLocation is { } location && location.StartsWith("header:", StringComparison.Ordinal))
            {
                list.Add(location["header:".Length..]);
            }
            else if (authLocation?.StartsWith("cookie:", StringComparison.Ordinal) == true)
            {
                list.Add("cookie");
            }

            if (hasBody)
            {
                list.AddRange(["content-type", "content-length"]);
            }

            cache[(authLocation, hasBody)] = names = [.. list];
        }

        return names;
    }

    private static ApiCall Probe(Client scanner, Random random) => new()
    {
        ClientAddress = scanner.Address,
        Server = "10.0.1.10:443",
        Host = "api.shop.example",
        Method = random.Next(4) == 0 ? "POST" : "GET",
        Path = ProbePaths[random.Next(ProbePaths.Length)],
        Status = 404,
        RequestBytes = 0,
        ResponseBytes = 150,
        DurationMicros = random.Next(300, 3_000),
        RequestHeaders = Vocabulary.RequestHeaderNames[..3],
        ResponseHeaders = Vocabulary.ResponseHeaderNames[..4],
        UserAgent = scanner.UserAgent,
        ClientTool = scanner.ClientTool,
    };
}
