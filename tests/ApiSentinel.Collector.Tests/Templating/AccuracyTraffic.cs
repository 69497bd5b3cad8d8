namespace ApiSentinel.Collector.Tests.Templating;

/// <summary>
/// Realistic REST path families (GitHub-, Stripe-, Petstore-like and a shop) with their true templates, and concrete
/// calls generated from them with random values. Placeholders name the value generator; <c>{}</c> is the normalised
/// form compared against the templater's output (names are checked elsewhere).
/// </summary>
internal static class AccuracyTraffic
{
    public static readonly string[] Families =
    [
        // GitHub-like: word identifiers (logins, repository names) need cardinality.
        "/users/{login}", "/users/{login}/repos", "/user", "/user/repos",
        "/repos/{login}/{repo}", "/repos/{login}/{repo}/issues", "/repos/{login}/{repo}/issues/{int}",
        "/repos/{login}/{repo}/issues/{int}/comments", "/repos/{login}/{repo}/pulls", "/repos/{login}/{repo}/pulls/{int}",
        "/repos/{login}/{repo}/commits/{sha}", "/repos/{login}/{repo}/releases", "/repos/{login}/{repo}/branches",
        "/repos/{login}/{repo}/tags", "/repos/{login}/{repo}/contributors", "/repos/{login}/{repo}/forks",
        "/repos/{login}/{repo}/hooks", "/repos/{login}/{repo}/labels", "/repos/{login}/{repo}/milestones",
        "/repos/{login}/{repo}/collaborators", "/repos/{login}/{repo}/deployments",
        "/orgs/{login}/members", "/gists/{hex32}",
        // Stripe-like: versioned prefix, prefixed base62 ids, fixed siblings.
        "/v1/customers", "/v1/customers/{cus}", "/v1/customers/{cus}/sources/{card}", "/v1/charges/{ch}",
        "/v1/charges/{ch}/refunds", "/v1/payment_intents/{pi}/confirm", "/v1/invoices/upcoming", "/v1/invoices/{in}",
        // Petstore-like.
        "/api/v3/pet/{int}", "/api/v3/pet/findByStatus", "/api/v3/store/order/{int}", "/api/v3/user/{login}",
        "/api/v3/user/login", "/api/v3/user/logout",
        // A shop with the other value classes.
        "/shop/products/{uuid}/reviews", "/shop/users/{email}/addresses/{objectid}", "/shop/reports/{date}",
        "/shop/files/{ulid}", "/shop/orders/{int}/items/{int}", "/shop/sessions/{redacted}", "/shop/users/me",
        "/shop/users/{int}/addresses", "/shop/users/{int}/payment-methods", "/shop/users/{int}/orders",
    ];

    public static string Normalise(string template) =>
        System.Text.RegularExpressions.Regex.Replace(template, "\\{[^}]*\\}", "{}");

    public static IEnumerable<(string Path, string Truth)> Generate(Random random, int callsPerFamily)
    {
        var logins = Enumerable.Range(0, 400).Select(_ => TemplaterFixture.Word(random, random.Next(4, 12))).ToArray();
        var calls = new List<(string, string)>();
        foreach (string family in Families)
        {
            for (int i = 0; i < callsPerFamily; i++)
            {
                string path = System.Text.RegularExpressions.Regex.Replace(family, "\\{([a-z0-9]+)\\}", m => Value(m.Groups[1].Value, random, logins));
                calls.Add((path, Normalise(family)));
            }
        }

        return calls;
    }

    private static string Value(string kind, Random random, string[] logins) => kind switch
    {
        "login" => logins[random.Next(logins.Length)],
        "repo" => logins[random.Next(logins.Length)] + (random.Next(3) == 0 ? "-" + logins[random.Next(logins.Length)] : ""),
        "int" => random.Next(1, 5_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "sha" => Hex(random, 40),
        "hex32" => Hex(random, 32),
        "objectid" => Hex(random, 24),
        "uuid" => Guid.NewGuid().ToString(),
        "ulid" => "01" + Alphabet(random, 24, "0123456789ABCDEFGHJKMNPQRSTVWXYZ"),
        "email" => TemplaterFixture.Word(random, 6) + "@example.com",
        "date" => new DateOnly(2020, 1, 1).AddDays(random.Next(3000)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        "redacted" => "REDACTED",
        "cus" => "cus_" + Base62(random, 14),
        "card" => "card_" + Base62(random, 24),
        "ch" => "ch_" + Base62(random, 24),
        "pi" => "pi_" + Base62(random, 24),
        "in" => "in_" + Base62(random, 24),
        _ => throw new ArgumentException(kind, nameof(kind)),
    };

    private static string Hex(Random random, int length) => Alphabet(random, length, "0123456789abcdef");

    private static string Base62(Random random, int length) =>
        Alphabet(random, length, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static string Alphabet(Random random, int length, string alphabet) =>
        new(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
}
