using System.Globalization;
using ApiSentinel.Contract;

namespace ApiSentinel.Bench.KubernetesSink.Traffic;

/// <summary>
/// The endpoints the bench makes the collector find: hosts × collections × methods, each collection a first path
/// segment under <c>/api/v1/</c> (a protected root the templater keeps literal, so the catalog holds exactly this
/// many endpoints), each host served from its own address (<see cref="ServerOf"/>) that the bench cluster's Services
/// name for three hosts in four, in three namespaces, the fourth unknown (the collector's own namespace). Popularity
/// is Zipf (s = 1) over a seed-shuffled order, so some endpoints change every interval and most rarely.
/// </summary>
internal sealed class EndpointPopulation
{
    public static readonly IReadOnlyList<string> Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    private static readonly string[] HostWords =
        ["inventory", "billing", "catalog", "accounts", "search", "shipping", "reviews", "payments", "identity", "notify"];

    private static readonly string[] Nouns =
        ["orders", "users", "items", "carts", "payments", "invoices", "refunds", "shipments", "reviews", "products"];

    private static readonly string[] Suffixes = ["", "-archive", "-export", "-search", "-stats"];

    private readonly (int Host, string Method, string Path)[] _endpoints;
    private readonly double[] _cumulative;
    private readonly Random _random;
    private long _sequence;

    public EndpointPopulation(int seed, int endpoints, int hosts)
    {
        HostCount = hosts;
        int collections = endpoints / (hosts * Methods.Count);
        _endpoints = [.. from host in Enumerable.Range(0, hosts)
                        from collection in Enumerable.Range(0, collections)
                        from method in Methods
                        select (host, method, "/api/v1/" + Collection(collection))];
        _random = new Random(seed);
        _random.Shuffle(_endpoints);
        _cumulative = new double[_endpoints.Length];
        double sum = 0;
        for (int rank = 0; rank < _endpoints.Length; rank++)
        {
            sum += 1.0 / (rank + 1);
            _cumulative[rank] = sum;
        }
    }

    public int Count => _endpoints.Length;

    public int HostCount { get; }

    public static string HostName(int host) =>
        HostWords[host % HostWords.Length] + (host >= HostWords.Length ? (host / HostWords.Length).ToString(CultureInfo.InvariantCulture) : "") + ".bench.test";

    /// <summary>The address serving <paramref name="host"/>: a label in calls only (no packet is ever sent to it).</summary>
    public static string ServerAddress(int host) => string.Create(CultureInfo.InvariantCulture, $"10.77.{host / 250}.{(host % 250) + 1}");

    public static string ServerOf(int host) => ServerAddress(host) + ":8080";

    /// <summary>The namespace of the Service naming the host's server, or null when no Service does.</summary>
    public static string? NamespaceOf(int host) => host % 4 == 3 ? null : "team-" + (host % 4).ToString(CultureInfo.InvariantCulture);

    /// <summary>Every endpoint once, in population order: the first sweep, so each is written from the start.</summary>
    public IEnumerable<ApiCall> Sweep(long timestampMicros)
    {
        for (int i = 0; i < _endpoints.Length; i++)
        {
            yield return CallTo(i, timestampMicros + i);
        }
    }

    /// <summary>The next call by popularity.</summary>
    public ApiCall Next(long timestampMicros)
    {
        int rank = Array.BinarySearch(_cumulative, _random.NextDouble() * _cumulative[^1]);
        return CallTo(rank < 0 ? Math.Min(~rank, _endpoints.Length - 1) : rank, timestampMicros);
    }

    private ApiCall CallTo(int index, long timestampMicros)
    {
        var (host, method, path) = _endpoints[index];
        long sequence = _sequence++;
        string client = string.Create(CultureInfo.InvariantCulture, $"198.51.100.{(sequence % 200) + 1}");
        return new ApiCall
        {
            TimestampMicros = timestampMicros,
            Source = "kubesink-bench",
            Connection = string.Create(CultureInfo.InvariantCulture, $"{client}:{30000 + (sequence % 30000)}>{ServerOf(host)}#{sequence / 16}"),
            Transport = Transport.Plaintext,
            ClientAddress = client,
            Server = ServerOf(host),
            Host = HostName(host),
            Method = method,
            Path = path,
            Status = method switch { "POST" => 201, "DELETE" => 204, _ => 200 },
            RequestBytes = method is "POST" or "PUT" or "PATCH" ? 240 : 0,
            ResponseBytes = method == "DELETE" ? 0 : 512,
            DurationMicros = 1800 + (sequence % 4000),
            Auth = AuthKinds.Jwt,
            AuthLocation = "header:authorization",
            JwtAlgorithm = "RS256",
            CredentialFingerprint = string.Create(CultureInfo.InvariantCulture, $"fp:bench-{sequence % 200}"),
            ResponseContentType = method == "DELETE" ? null : "application/json",
            RequestHeaders = ["accept", "authorization", "host", "user-agent"],
            ResponseHeaders = ["content-length", "content-type"],
            UserAgent = "okhttp/4.12.0",
        };
    }

    private static string Collection(int index) =>
        Nouns[index % Nouns.Length] + Suffixes[index / Nouns.Length % Suffixes.Length] +
        (index >= Nouns.Length * Suffixes.Length ? "-" + (index / (Nouns.Length * Suffixes.Length)).ToString(CultureInfo.InvariantCulture) : "");
}
