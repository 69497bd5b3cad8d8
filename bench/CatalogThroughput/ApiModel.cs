using ApiSentinel.Contract;

namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// The synthetic API surface: <c>count</c> endpoints spread over four hosts. Each resource contributes seven
/// endpoints (list, create, read, replace, delete, a sub-collection, a sub-item), so 5 000 endpoints need about
/// 715 resources — about 180 per host, below the templater's 256 literals per trie node, so resource names stay
/// literals as they would in a real API.
/// </summary>
internal static class ApiModel
{
    private static readonly (string Host, string Server, string[] Prefix)[] Hosts =
    [
        ("api.shop.example", "10.0.1.10:443", ["api", "v1"]),
        ("accounts.example.com", "10.0.2.20:8443", ["api", "v2"]),
        ("billing.internal.svc", "10.96.0.15:8080", ["v1"]),
        ("partner-gw.example.net", "10.0.3.30:443", ["rest"]),
    ];

    public static IReadOnlyList<EndpointShape> Build(int count, Random random)
    {
        var shapes = new List<EndpointShape>(count + 7);
        for (var resource = 0; shapes.Count < count; resource++)
        {
            var (host, server, prefix) = Hosts[resource % Hosts.Length];
            var name = resource < Vocabulary.Resources.Length ? Vocabulary.Resources[resource] : Vocabulary.Word(resource * 31 + 7);
            // Most APIs use integer ids; some UUIDs; a few word slugs (GitHub owners, product handles).
            var style = resource % 10 == 9 ? IdStyle.Slug : resource % 3 == 0 ? IdStyle.Uuid : IdStyle.Integer;
            var subA = Vocabulary.SubResources[resource % Vocabulary.SubResources.Length];
            var subB = Vocabulary.SubResources[(resource + 3) % Vocabulary.SubResources.Length];
            string?[] collection = [.. prefix, name];
            string?[] item = [.. collection, null];
            string?[] subCollection = [.. item, subA];
            string?[] subItem = [.. item, subB, null];
            Add("GET", collection, [], listQuery: true, request: 0, response: 12);
            Add("POST", collection, [style], listQuery: false, request: 10, response: 12);
            Add("GET", item, [style], listQuery: false, request: 0, response: 20);
            Add("PUT", item, [style], listQuery: false, request: 12, response: 20);
            Add("DELETE", item, [style], listQuery: false, request: 0, response: 0);
            Add("GET", subCollection, [style], listQuery: true, request: 0, response: 25);
            Add("GET", subItem, [style, IdStyle.Integer], listQuery: false, request: 0, response: 8);

            void Add(string method, string?[] segments, IdStyle[] styles, bool listQuery, int request, int response)
            {
                if (shapes.Count >= count)
                {
                    return;
                }

                shapes.Add(new EndpointShape
                {
                    Host = host,
                    Server = server,
                    Method = method,
                    Segments = segments,
                    IdStyles = styles,
                    Query = listQuery ? Vocabulary.ListQuery[..random.Next(2, Vocabulary.ListQuery.Length + 1)] : [],
                    RequestFieldVariants = request == 0 ? [[]] : FieldVariants(random, request),
                    ResponseFieldVariants = response == 0 ? [[]] : FieldVariants(random, response),
                    Sensitive = random.Next(12) == 0 ? Vocabulary.SensitiveSets[random.Next(Vocabulary.SensitiveSets.Length)] : [],
                    // Zipf-like popularity (s = 0.9): a few hot endpoints, a long tail that still gets traffic.
                    Weight = 1.0 / Math.Pow(shapes.Count + 1, 0.9),
                });
            }
        }

        return shapes;
    }

    /// <summary>Three variants around a typical size (5–30 fields): full, optional tail absent, one field null.</summary>
    private static IReadOnlyList<FieldObservation>[] FieldVariants(Random random, int typical)
    {
        var size = Math.Clamp(typical + random.Next(-5, 6), 5, 30);
        var start = random.Next(Vocabulary.Fields.Length);
        var full = Enumerable.Range(0, size).Select(i => Vocabulary.Fields[(start + i) % Vocabulary.Fields.Length]).ToArray();
        var withNull = (FieldObservation[])full.Clone();
        withNull[size / 2] = withNull[size / 2] with { Kind = "null" };
        return [full, full[..(size - 3)], withNull];
    }
}
