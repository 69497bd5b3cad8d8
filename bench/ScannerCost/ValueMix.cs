using System.Globalization;

/// <summary>
/// JSON values as an API response carries them, with the key the extractor would pass: ids, UUIDs, ISO dates,
/// prices, enum words, names, URLs, short and long free text — and, about one in twenty, something sensitive.
/// Deterministic (fixed seed) so before/after runs scan the same values.
/// </summary>
internal static class ValueMix
{
    private static readonly string[] Statuses = ["shipped", "pending", "delivered", "cancelled", "active", "inactive", "EUR", "USD", "admin", "viewer"];
    private static readonly string[] Words = ["order", "customer", "invoice", "warehouse", "product", "Premium", "plan", "blue", "size", "large", "the", "and", "delivery", "window", "item", "returned", "because", "damaged"];

    private static readonly (string Value, string Field)[] SensitiveValues =
    [
        ("jane.doe@example.com", "email"),
        ("Contact bob@example.org for help", "description"),
        ("4111 1111 1111 1111", "cardNumber"),
        ("5500005555555559", "pan"),
        ("078-05-1121", "ssn"),
        ("+44 20 7946 0958", "phone"),
        ("(555) 123-4567", "contact"),
        ("DE89370400440532013000", "iban"),
        ("GB82 WEST 1234 5698 7654 32", "account"),
        ("hunter2!", "password"),
        ("AKIAIOSFODNN7EXAMPLE", "accessKeyId"),
        ("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U", "id_token"),
        ("1990-01-15", "dateOfBirth"),
        ("123", "cvv"),
    ];

    public static List<(string Value, string Field)> Typical() =>
    [
        ("2026-10-01T12:00:00Z", "createdAt"),
        ("3f2a9c1e-0b7d-4e58-9a61-2b4f7c9d8e10", "id"),
        ("Customer 42", "name"),
        ("42.50", "price"),
        ("shipped", "status"),
        ("1234567", "orderId"),
        ("https://api.example.com/v1/orders/1234567?page=2", "href"),
        ("The parcel was left at the front door, the customer confirmed delivery by 18:30 on 2026-10-02.", "note"),
    ];

    public static List<(string Value, string? Field, bool Sensitive)> Build()
    {
        var random = new Random(20261001);
        var values = new List<(string, string?, bool)>();
        for (var i = 0; i < 300; i++)
        {
            values.Add(CleanValue(random, i));
            if (i % 20 == 19)
            {
                var (value, field) = SensitiveValues[(i / 20) % SensitiveValues.Length];
                values.Add((value, field, true));
            }
        }

        return values;
    }

    private static (string, string?, bool) CleanValue(Random random, int i) => (i % 15) switch
    {
        0 => (random.Next(1, 10_000_000).ToString(CultureInfo.InvariantCulture), "id", false),
        1 => (new Guid(random.GetItems<byte>(Enumerable.Range(0, 256).Select(b => (byte)b).ToArray(), 16)).ToString(), "uuid", false),
        2 => (new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(0, 30_000_000)).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), "updatedAt", false),
        3 => ((random.Next(100, 100_000) / 100.0).ToString("F2", CultureInfo.InvariantCulture), "amount", false),
        4 => (Statuses[random.Next(Statuses.Length)], "status", false),
        5 => ($"Customer {random.Next(1, 1000)}", "displayName", false),
        6 => (Sentence(random, random.Next(3, 8)), "title", false),
        7 => (random.Next(0, 500).ToString(CultureInfo.InvariantCulture), "quantity", false),
        8 => ($"https://cdn.example.com/img/{random.Next(1, 99999)}/thumb.png", "imageUrl", false),
        9 => ($"ORD-{random.Next(100000, 999999)}", "reference", false),
        10 => ($"{random.Next(1, 5)}.{random.Next(0, 20)}.{random.Next(0, 50)}", "version", false),
        11 => (Sentence(random, random.Next(12, 40)) + $" Ref {random.Next(1000, 99999)}, {random.Next(1, 31)} items.", "description", false),
        12 => (new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(random.Next(0, 365)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "date", false),
        13 => ((random.NextDouble() * 1000).ToString("R", CultureInfo.InvariantCulture), "score", false),
        _ => ($"{(char)('A' + random.Next(26))}{random.Next(10)}{random.Next(100000):D5}", "sku", false),
    };

    private static string Sentence(Random random, int words) =>
        string.Join(' ', Enumerable.Range(0, words).Select(_ => Words[random.Next(Words.Length)]));
}
