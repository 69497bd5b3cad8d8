using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace ApiSentinel.Bench.TrafficGen;

/// <summary>
/// Builds realistic JSON API payloads of roughly a requested size: records with ids, UUIDs, names, e-mail
/// addresses, timestamps, money amounts and nested objects. Values vary per record so gzip achieves a
/// realistic ratio (about 4–8×) rather than the absurd ratios of repeated text. Start-up only.
/// </summary>
internal static class JsonDocumentFactory
{
    private static readonly string[] FirstNames = ["Ada", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Dennis", "Frances", "Alan", "Radia", "Edsger", "Hedy", "Tim", "Sophie", "Yukihiro", "Anders"];
    private static readonly string[] LastNames = ["Lovelace", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Ritchie", "Allen", "Turing", "Perlman", "Dijkstra", "Lamarr", "Berners-Lee", "Wilson", "Matsumoto", "Hejlsberg"];
    private static readonly string[] Statuses = ["active", "pending", "shipped", "delivered", "cancelled", "refunded"];
    private static readonly string[] Products = ["USB-C cable 2m", "Mechanical keyboard", "27in monitor", "Noise cancelling headphones", "Laptop stand", "Webcam 1080p", "Ergonomic mouse", "Desk lamp", "Docking station", "SSD 2TB"];
    private static readonly string[] Cities = ["Lyon", "Osaka", "Austin", "Porto", "Leeds", "Gdansk", "Malmo", "Quebec"];

    /// <summary>A collection response: <c>{"data":[records...],"page":..}</c> grown until it reaches the target size.</summary>
    public static byte[] Collection(int targetBytes, DeterministicRandom random)
    {
        var buffer = new ArrayBufferWriter<byte>(targetBytes + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("data");
            do
            {
                WriteRecord(writer, random);
                writer.Flush();
            }
            while (buffer.WrittenCount < targetBytes - 80);

            writer.WriteEndArray();
            writer.WriteStartObject("page");
            writer.WriteNumber("number", random.Next(1, 40));
            writer.WriteNumber("size", 50);
            writer.WriteNumber("totalElements", random.Next(100, 90_000));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A single resource, as returned by GET /x/{id}, POST (201) or PUT/PATCH.</summary>
    public static byte[] Single(DeterministicRandom random)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteRecord(writer, random);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A request body for POST/PUT/PATCH; a few are large enough to span several segments.</summary>
    public static byte[] RequestBody(int targetBytes, DeterministicRandom random)
    {
        var buffer = new ArrayBufferWriter<byte>(targetBytes + 512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("customerId", random.Next(1, 99_999).ToString(CultureInfo.InvariantCulture));
            writer.WriteString("email", Email(random));
            writer.WriteString("currency", "EUR");
            writer.WriteStartArray("items");
            do
            {
                writer.WriteStartObject();
                writer.WriteNumber("productId", random.Next(1, 99_999));
                writer.WriteString("sku", "SKU-" + random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture));
                writer.WriteNumber("quantity", random.Next(1, 5));
                writer.WriteNumber("unitPrice", Money(random));
                writer.WriteString("note", Products[random.Next(Products.Length)]);
                writer.WriteEndObject();
                writer.Flush();
            }
            while (buffer.WrittenCount < targetBytes - 120);

            writer.WriteEndArray();
            writer.WriteStartObject("shippingAddress");
            writer.WriteString("line1", random.Next(1, 300).ToString(CultureInfo.InvariantCulture) + " Main Street");
            writer.WriteString("city", Cities[random.Next(Cities.Length)]);
            writer.WriteString("postalCode", random.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An RFC 9457 problem document for 4xx/5xx responses.</summary>
    public static byte[] Problem(int status, string title, DeterministicRandom random)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "https://errors.example.com/" + status.ToString(CultureInfo.InvariantCulture));
            writer.WriteString("title", title);
            writer.WriteNumber("status", status);
            writer.WriteString("traceId", Uuid(random));
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRecord(Utf8JsonWriter writer, DeterministicRandom random)
    {
        int id = random.Next(1, 999_999);
        writer.WriteStartObject();
        writer.WriteNumber("id", id);
        writer.WriteString("uuid", Uuid(random));
        writer.WriteString("name", FirstNames[random.Next(FirstNames.Length)] + " " + LastNames[random.Next(LastNames.Length)]);
        writer.WriteString("email", Email(random));
        writer.WriteString("status", Statuses[random.Next(Statuses.Length)]);
        writer.WriteString("createdAt", new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(random.Next(40_000_000)).ToString("O", CultureInfo.InvariantCulture));
        writer.WriteNumber("total", Money(random));
        writer.WriteStartObject("product");
        writer.WriteNumber("id", random.Next(1, 99_999));
        writer.WriteString("title", Products[random.Next(Products.Length)]);
        writer.WriteNumber("rating", Math.Round(1 + (random.NextDouble() * 4), 1));
        writer.WriteEndObject();
        writer.WriteStartArray("tags");
        int tagCount = random.Next(0, 4);
        for (int i = 0; i < tagCount; i++)
        {
            writer.WriteStringValue("t" + random.Next(1, 500).ToString(CultureInfo.InvariantCulture));
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string Email(DeterministicRandom random) =>
        FirstNames[random.Next(FirstNames.Length)].ToLowerInvariant() + "." + random.Next(1, 99_999).ToString(CultureInfo.InvariantCulture) + "@example.com";

    private static double Money(DeterministicRandom random) => Math.Round(random.NextDouble() * 900, 2) + 1;

    private static string Uuid(DeterministicRandom random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString("D");
    }
}
