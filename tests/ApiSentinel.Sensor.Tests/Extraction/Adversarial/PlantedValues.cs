using System.Text;
using System.Text.Json;
using ApiSentinel.Sensor.Extraction;

namespace ApiSentinel.Sensor.Tests.Extraction.Adversarial;

/// <summary>
/// The privacy assertion of the adversarial tests: none of the planted values appears in a record serialised to
/// JSON — raw, lower-case, upper-case, percent-encoded, or base64 (standard and url-safe) — and not inside a
/// JSON-escaped string either (the serialised text is searched after unescaping too).
/// </summary>
internal static class PlantedValues
{
    public static void AssertAbsent(ExchangeRecord record, IEnumerable<string> planted)
    {
        var json = JsonSerializer.Serialize(record);
        var unescaped = JsonSerializer.Deserialize<JsonElement>(json).ToString();
        foreach (var value in planted)
        {
            foreach (var form in FormsOf(value))
            {
                Assert.False(json.Contains(form, StringComparison.Ordinal) || unescaped.Contains(form, StringComparison.Ordinal),
                    $"planted value (form of {value.Length} chars) found in the record: {json}");
            }
        }
    }

    public static IEnumerable<string> FormsOf(string value)
    {
        yield return value;
        yield return value.ToLowerInvariant();
        yield return value.ToUpperInvariant();
        yield return Uri.EscapeDataString(value);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(value)).TrimEnd('=');
        yield return base64;
        yield return base64.Replace('+', '-').Replace('/', '_');
    }
}
