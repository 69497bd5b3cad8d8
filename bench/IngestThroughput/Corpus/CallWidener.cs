using System.Globalization;
using System.Text;
using ApiSentinel.Contract;

namespace ApiSentinel.Bench.IngestThroughput.Corpus;

/// <summary>
/// Widens a few dozen captured calls into a realistic population, deterministically from a seed: endpoints over many
/// hosts (each a seed call's real structure — headers, fields, sensitive data, auth, status — under a new resource
/// name and prefix, with integer, UUID or hex ids in the path), Zipf popularity over endpoints and clients, clients
/// from the documentation ranges (IPv4 TEST-NETs and IPv6 2001:db8::/32) with one credential each and connections
/// that turn over, jittered sizes and durations.
/// </summary>
internal sealed class CallWidener
{
    // API-shaped seeds (JSON under /api, from demo.pcap) dominate real API traffic; page and asset fetches and
    // scanner probes are there too, less often.
    private const double ApiWeight = 8, OtherWeight = 1, ProbeWeight = 0.25;
    private const int CallsPerConnection = 16;

    private readonly IReadOnlyList<ApiCall> _seeds;
    private readonly Random _random;
    private readonly EndpointShape[] _shapes;
    private readonly ZipfSampler _shapePick;
    private readonly ZipfSampler _clientPick;
    private readonly string[] _hosts;
    private readonly string[] _servers;
    private readonly string[] _clients;
    private readonly string[] _fingerprints;
    private readonly int[] _clientCalls;

    public CallWidener(IReadOnlyList<ApiCall> seeds, int seed, int endpoints, int hosts, int clients)
    {
        _seeds = seeds;
        _random = new Random(seed);
        _hosts = [.. Enumerable.Range(0, hosts).Select(h => HostName(h))];
        _servers = [.. Enumerable.Range(0, hosts).Select(h => ServerOf(h))];
        _clients = [.. Enumerable.Range(0, clients).Select(ClientAddress)];
        _fingerprints = [.. Enumerable.Range(0, clients).Select(c => "fp:" + Convert.ToHexStringLower(BitConverter.GetBytes(((ulong)seed << 32) ^ ((ulong)c * 0x9E3779B97F4A7C15UL))))];
        _clientCalls = new int[clients];
        var weights = seeds.Select(Weight).ToArray();
        _shapes = new EndpointShape[endpoints];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < endpoints; i++)
        {
            // Distinct shapes (a re-draw of an existing one would only make the catalog smaller than asked).
            EndpointShape shape;
            var attempts = 0;
            do
            {
                shape = NewShape(PickWeighted(weights), _random.Next(hosts));
            }
            while (!seen.Add(Key(shape)) && ++attempts < 50);
            _shapes[i] = shape;
        }
        // Shuffle so that popularity rank is independent of host and seed order.
        _random.Shuffle(_shapes);
        _shapePick = new ZipfSampler(endpoints, 0.9);
        _clientPick = new ZipfSampler(clients, 1.0);
    }

    /// <summary>The next call; timestamps advance by <paramref name="stepMicros"/> from <paramref name="baseMicros"/>.</summary>
    public ApiCall Next(long timestampMicros)
    {
        var shape = _shapes[_shapePick.Next(_random)];
        var seed = _seeds[shape.Seed];
        var client = _clientPick.Next(_random);
        var session = _clientCalls[client]++ / CallsPerConnection;
        var server = _servers[shape.Host];
        var clientAddress = _clients[client];
        return new ApiCall
        {
            TimestampMicros = timestampMicros,
            Source = "bench",
            Connection = string.Create(CultureInfo.InvariantCulture, $"{clientAddress}:{32768 + (session * 7919 % 28000)}>{server}#{session}"),
            Transport = seed.Transport,
            ClientAddress = clientAddress,
            Server = server,
            Host = _hosts[shape.Host],
            Method = seed.Method,
            Path = PathOf(shape),
            Query = seed.Query,
            Status = seed.Status,
            RequestBytes = Jitter(seed.RequestBytes),
            ResponseBytes = Jitter(seed.ResponseBytes),
            DurationMicros = Jitter(seed.DurationMicros),
            Auth = seed.Auth,
            AuthLocation = seed.AuthLocation,
            JwtAlgorithm = seed.JwtAlgorithm,
            CredentialFingerprint = seed.CredentialFingerprint is null ? null : _fingerprints[client],
            Sensitive = seed.Sensitive,
            RequestContentType = seed.RequestContentType,
            ResponseContentType = seed.ResponseContentType,
            ResourceType = seed.ResourceType,
            RequestHeaders = seed.RequestHeaders,
            ResponseHeaders = seed.ResponseHeaders,
            RequestFields = seed.RequestFields,
            ResponseFields = seed.ResponseFields,
            UserAgent = seed.UserAgent,
            ClientTool = seed.ClientTool,
        };
    }

    public int SeedCount => _seeds.Count;

    /// <summary>Distinct (host, method, path shape) pairs: the endpoints the catalog should find, at most.</summary>
    public int DistinctEndpoints => _shapes.Select(s => _seeds[s.Seed].Method + " " + Key(s)).Distinct(StringComparer.Ordinal).Count();

    private static double Weight(ApiCall seed)
    {
        if (seed.Status == 404 && seed.Auth == AuthKinds.None && seed.ResponseFields.Count <= 1)
        {
            return ProbeWeight;
        }
        return seed.ResponseContentType == "application/json" || seed.Path.StartsWith("/api/", StringComparison.Ordinal) ? ApiWeight : OtherWeight;
    }

    private int PickWeighted(double[] weights)
    {
        var x = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }

    private EndpointShape NewShape(int seedIndex, int host)
    {
        var seed = _seeds[seedIndex];
        var segments = new List<string?>();
        var prefix = Vocabulary.Prefixes[_random.Next(Vocabulary.Prefixes.Length)];
        var seedSegments = seed.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Seeds already under an API prefix keep theirs.
        if (!seed.Path.StartsWith("/api/", StringComparison.Ordinal))
        {
            segments.AddRange(prefix.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }
        var renamed = LastLiteralBeforeId(seedSegments);
        var noun = Vocabulary.Nouns[_random.Next(Vocabulary.Nouns.Length)];
        for (var i = 0; i < seedSegments.Length; i++)
        {
            var s = seedSegments[i];
            if (IsId(s))
            {
                segments.Add(null);
            }
            else if (i == renamed)
            {
                var dot = s.IndexOf('.', StringComparison.Ordinal);
                segments.Add(dot > 0 ? noun + s[dot..] : noun);
            }
            else
            {
                segments.Add(s);
            }
        }
        if (renamed < 0)
        {
            segments.Add(noun);
        }
        // API collections get item and sub-collection siblings, as REST APIs have.
        if (Weight(seed) == ApiWeight && segments[^1] is not null && _random.NextDouble() < 0.5)
        {
            segments.Add(null);
            if (_random.NextDouble() < 0.4)
            {
                segments.Add(Vocabulary.Nouns[_random.Next(Vocabulary.Nouns.Length)]);
            }
        }
        var roll = _random.NextDouble();
        var ids = roll < 0.7 ? IdKind.Integer : roll < 0.9 ? IdKind.Uuid : IdKind.Hex;
        return new EndpointShape(seedIndex, host, [.. segments], ids);
    }

    private static int LastLiteralBeforeId(string[] segments)
    {
        var last = -1;
        for (var i = 0; i < segments.Length; i++)
        {
            if (IsId(segments[i]))
            {
                return last >= 0 ? last : -1;
            }
            if (!IsVersion(segments[i]) && segments[i] != "api")
            {
                last = i;
            }
        }
        return last;
    }

    private static bool IsVersion(string s) => s.Length is >= 2 and <= 3 && s[0] == 'v' && char.IsAsciiDigit(s[1]);

    private static bool IsId(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    private string PathOf(EndpointShape shape)
    {
        var path = new StringBuilder(64);
        Span<byte> bytes = stackalloc byte[16];
        foreach (var s in shape.Segments)
        {
            path.Append('/');
            if (s is not null)
            {
                path.Append(s);
                continue;
            }
            switch (shape.Ids)
            {
                case IdKind.Integer:
                    path.Append(_random.Next(1, 2_000_000).ToString(CultureInfo.InvariantCulture));
                    break;
                case IdKind.Uuid:
                    _random.NextBytes(bytes);
                    path.Append(new Guid(bytes).ToString("D"));
                    break;
                default:
                    path.Append(_random.NextInt64().ToString("x16", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }

    private long? Jitter(long? value) => value is { } v ? (long)(v * (0.5 + _random.NextDouble())) : null;

    private string Key(EndpointShape shape) =>
        _hosts[shape.Host] + " " + _seeds[shape.Seed].Method + " " + string.Join('/', shape.Segments.Select(s => s ?? "{" + shape.Ids + "}"));

    private static string HostName(int h) =>
        string.Create(CultureInfo.InvariantCulture, $"{Vocabulary.Nouns[h % Vocabulary.Nouns.Length]}-{h / Vocabulary.Nouns.Length}.svc.example.test");

    private static string ServerOf(int h) =>
        string.Create(CultureInfo.InvariantCulture, $"198.51.100.{1 + h % 254}:{(h / 254 % 2 == 0 ? 8080 : 443)}");

    private static string ClientAddress(int c) => (c % 5) switch
    {
        // IPv4 clients from two TEST-NETs; the rest IPv6 from the documentation prefix (room for any population).
        0 => string.Create(CultureInfo.InvariantCulture, $"192.0.2.{1 + c / 5 % 254}"),
        1 => string.Create(CultureInfo.InvariantCulture, $"203.0.113.{1 + c / 5 % 254}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"2001:db8:{c / 65536:x}:{c % 65536:x}::{(c * 2654435761u) % 65536:x}"),
    };
}
