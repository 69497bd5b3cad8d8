using ApiSentinel.Contract;

namespace ApiSentinel.Bench.CatalogThroughput;

/// <summary>
/// Words, field names and header names the synthetic traffic is made of. Words are letters only (no digits), so
/// the templater sees them as words and not as identifiers, like real resource names.
/// </summary>
internal static class Vocabulary
{
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ru", "sen", "tor", "vi", "pel", "zan", "gor", "hu", "jin", "wex", "nor", "qui", "sol",
        "tra", "mon", "pra", "lin", "gus", "ter", "vol", "ran",
    ];

    public static readonly string[] Resources =
    [
        "users", "orders", "invoices", "products", "carts", "payments", "accounts", "sessions", "teams", "projects",
        "repos", "issues", "comments", "tickets", "subscriptions", "customers", "shipments", "refunds", "reports",
        "devices", "webhooks", "events", "files", "messages",
    ];

    public static readonly string[] SubResources = ["items", "history", "members", "settings", "notes", "audit"];

    public static readonly string[] RequestHeaderNames =
    [
        "host", "user-agent", "accept", "accept-encoding", "authorization", "content-type", "content-length",
        "x-request-id", "x-forwarded-for", "cookie", "x-api-key", "traceparent",
    ];

    public static readonly string[] ResponseHeaderNames =
    [
        "content-type", "content-length", "date", "server", "x-request-id", "cache-control", "etag", "set-cookie",
        "x-ratelimit-remaining", "strict-transport-security",
    ];

    public static readonly string[] UserAgents = ["okhttp", "python-requests", "curl", "Mozilla", "Go-http-client", "axios", "Java"];

    private static readonly (string Name, string Kind)[] FieldPool =
    [
        ("$.id", "integer"), ("$.uuid", "uuid"), ("$.name", "string"), ("$.email", "email"), ("$.createdAt", "date-time"),
        ("$.updatedAt", "date-time"), ("$.user.id", "integer"), ("$.user.name", "string"), ("$.user.email", "email"),
        ("$.status", "string"), ("$.total", "number"), ("$.currency", "string"), ("$.active", "boolean"),
        ("$.tags", "array"), ("$.tags[*]", "string"), ("$.items", "array"), ("$.items[*].sku", "string"),
        ("$.items[*].qty", "integer"), ("$.items[*].price", "number"), ("$.address", "object"),
        ("$.address.street", "string"), ("$.address.city", "string"), ("$.address.zip", "string"),
        ("$.address.country", "string"), ("$.owner.id", "uuid"), ("$.owner.login", "string"), ("$.meta", "object"),
        ("$.meta.page", "integer"), ("$.meta.total", "integer"), ("$.data", "array"), ("$.data[*].id", "integer"),
        ("$.data[*].name", "string"), ("$.data[*].createdAt", "date-time"), ("$.description", "string"),
        ("$.birthDate", "date"), ("$.phone", "string"), ("$.score", "number"), ("$.version", "integer"),
        ("$.parentId", "integer"), ("$.url", "string"),
    ];

    public static readonly FieldObservation[] Fields = [.. FieldPool.Select(f => new FieldObservation(f.Name, f.Kind))];

    public static readonly FieldObservation[] ListQuery =
    [
        new("limit", "integer"), new("offset", "integer"), new("sort", "string"), new("q", "string"),
        new("since", "date-time"), new("active", "boolean"),
    ];

    public static readonly SensitiveObservation[][] SensitiveSets =
    [
        [new("email", "response.body.$.email", 1)],
        [new("us-ssn", "response.body.$.taxRef", 1)],
        [new("credit-card", "request.body.$.card.number", 1), new("email", "request.body.$.email", 1)],
        [new("phone", "response.body.$.data[*].phone", 3)],
    ];

    /// <summary>A pronounceable lower-case word from a number (distinct numbers give distinct words).</summary>
    public static string Word(int n)
    {
        var parts = new List<string>(4);
        do
        {
            parts.Add(Syllables[n % Syllables.Length]);
            n /= Syllables.Length;
        }
        while (n > 0);
        if (parts.Count == 1)
        {
            parts.Add("a");
        }

        return string.Concat(parts);
    }
}
