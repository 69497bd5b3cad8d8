using System.Text.Json;
using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>
/// Names with short numbers (versions, dates, sizes) are names; numbers written behind '_' stay data; long media
/// types are media types; User-Agent products are reported as sent.
/// </summary>
public class NumberedNameTests
{
    public static TheoryData<int> Seeds => [1, 2, 3, 42, 2026];

    private static readonly string[] Words = ["version", "thumbnail", "report", "image", "schema", "size", "rate", "tier", "api", "price"];

    private static string ShortNumber(Planted g) => g.Random.Next(4) switch
    {
        0 => g.Random.Next(1990, 2040).ToString(System.Globalization.CultureInfo.InvariantCulture) + "_" + g.Random.Next(1, 13).ToString("00", System.Globalization.CultureInfo.InvariantCulture),
        1 => $"{g.Pick(new[] { 16, 32, 64, 128, 256, 512, 1024 })}x{g.Pick(new[] { 16, 32, 64, 128, 256, 512, 1024 })}",
        2 => g.Random.Next(1, 10000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => $"{g.Random.Next(1990, 2040)}_{g.Random.Next(1, 13):00}_{g.Random.Next(1, 29):00}",
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Words_with_short_numbers_are_names_and_numbers_behind_underscores_are_not(int seed)
    {
        var g = new Planted(seed);
        for (var i = 0; i < 100; i++)
        {
            var name = g.Pick(Words) + (g.Random.Next(2) == 0 ? "_" + g.Pick(Words) : "") + "_" + ShortNumber(g);
            var data = g.Random.Next(3) switch
            {
                0 => "card_" + g.Card().Insert(12, "_").Insert(8, "_").Insert(4, "_"),
                1 => "phone_" + $"{g.Random.Next(200, 999)}_{g.Random.Next(200, 999)}_{g.Random.Next(1000, 9999)}",
                _ => "ssn_" + g.Ssn().Replace('-', '_'),
            };
            var record = new ExtractorHarness().Respond($"{{{JsonSerializer.Serialize(name)}:1,{JsonSerializer.Serialize(data)}:2}}");
            Assert.Contains(new FieldShape("$." + name, ValueKind.Integer), record.ResponseFields);
            Assert.DoesNotContain(record.ResponseFields, f => f.Name.Contains(data, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("version_2024_01")]
    [InlineData("thumbnail_128x128")]
    [InlineData("report_2024_01_15")]
    public void The_examples_of_the_review(string key)
    {
        var record = new ExtractorHarness().Respond($"{{\"{key}\":1}}");
        Assert.Equal([new FieldShape("$." + key, ValueKind.Integer)], record.ResponseFields);
    }

    [Theory]
    [InlineData("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    public void Long_registered_media_types_are_reported(string mediaType)
    {
        var record = new ExtractorHarness().Extract(TestMessages.Request("POST", "/upload", ("Content-Type", mediaType)));
        Assert.Equal(mediaType, record.RequestContentType);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64)", "Mozilla")]
    [InlineData("okhttp/4.12.0", "okhttp")]
    [InlineData("PostmanRuntime/7.39.0", "PostmanRuntime")]
    public void User_agent_products_are_reported_as_sent_and_header_names_stay_lower_case(string userAgent, string product)
    {
        var harness = new ExtractorHarness();
        // A header named like the product first: the two caches must not mix their spellings.
        harness.Extract(TestMessages.Request("GET", "/", (product, "1")));
        var record = harness.Extract(TestMessages.Request("GET", "/", ("User-Agent", userAgent), (product, "1")));
        Assert.Equal(product, record.UserAgentProduct);
        Assert.Contains(product.ToLowerInvariant(), record.RequestHeaderNames);
    }
}
