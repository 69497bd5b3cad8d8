using System.Globalization;

namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// The client population: mostly internal (RFC 1918 and a few IPv6 unique-local), the rest external (IPv4 and
/// IPv6), with a Zipf-like call share (a few heavy service clients, a long tail of browsers and partners), plus a
/// handful of scanners that name their tool in the User-Agent.
/// </summary>
internal sealed class ClientPopulation
{
    private static readonly (string Auth, string? Location, string? Jwt)[] AuthStyles =
    [
        ("jwt", "header:authorization", "RS256"), ("jwt", "header:authorization", "HS256"),
        ("bearer", "header:authorization", null), ("api-key", "header:x-api-key", null),
        ("api-key", "query:api_key", null), ("session-cookie", "cookie:sid", null),
        ("basic", "header:authorization", null), ("none", null, null),
    ];

    private static readonly int[] AuthStyleWeights = [30, 5, 15, 10, 2, 15, 5, 18];

    private static readonly string[] Tools = ["sqlmap", "nikto", "nuclei"];

    private readonly Client[] _clients;
    private readonly double[] _cumulative;

    public ClientPopulation(int clients, int credentials, int scanners, Random random)
    {
        var fingerprints = Enumerable.Range(0, credentials).Select(_ => random.NextInt64().ToString("x16", CultureInfo.InvariantCulture)).ToArray();
        _clients = new Client[clients + scanners];
        for (var i = 0; i < clients; i++)
        {
            var style = AuthStyles[PickWeighted(AuthStyleWeights, random)];
            _clients[i] = new Client(
                Address(random),
                style.Auth,
                style.Location,
                style.Jwt,
                style.Auth == "none" ? null : fingerprints[random.Next(fingerprints.Length)],
                Vocabulary.UserAgents[random.Next(Vocabulary.UserAgents.Length)],
                ClientTool: null);
        }

        for (var i = 0; i < scanners; i++)
        {
            _clients[clients + i] = new Client(ExternalV4(random), "none", null, null, null, "Mozilla", Tools[i % Tools.Length]);
        }

        Scanners = _clients[clients..];
        // Zipf-like share (s = 1.1) over the regular clients; scanners are drawn separately by the call pool.
        _cumulative = new double[clients];
        var sum = 0.0;
        for (var i = 0; i < clients; i++)
        {
            sum += 1.0 / Math.Pow(i + 1, 1.1);
            _cumulative[i] = sum;
        }
    }

    public IReadOnlyList<Client> Scanners { get; }

    public Client Pick(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var index = Array.BinarySearch(_cumulative, target);
        return _clients[Math.Min(index < 0 ? ~index : index, _cumulative.Length - 1)];
    }

    private static string Address(Random random) => random.Next(100) switch
    {
        < 40 => $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}",
        < 50 => $"172.{random.Next(16, 32)}.{random.Next(256)}.{random.Next(1, 255)}",
        < 55 => $"192.168.{random.Next(256)}.{random.Next(1, 255)}",
        < 58 => $"fd00::{random.Next(0x10000):x}:{random.Next(0x10000):x}",
        < 62 => $"2001:db8::{random.Next(0x10000):x}:{random.Next(0x10000):x}",
        _ => ExternalV4(random),
    };

    private static string ExternalV4(Random random)
    {
        int[] firstOctets = [23, 34, 45, 52, 66, 81, 98, 151, 185, 212];
        return $"{firstOctets[random.Next(firstOctets.Length)]}.{random.Next(256)}.{random.Next(256)}.{random.Next(1, 255)}";
    }

    private static int PickWeighted(int[] weights, Random random)
    {
        var target = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
