using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tables;

/// <summary>
/// A cell's value from what a column's path reached, typed as the real server types CRD columns: integers and numbers
/// as JSON numbers, booleans as booleans, dates as an age ("5m") relative to now, strings as text. Nothing reached →
/// null (kubectl prints <c>&lt;none&gt;</c>). Where the real server prints only the first of several results, this
/// one joins them with "," for string columns (as <c>[*]</c> over a list reads best), and writes a list as its
/// elements joined with ",".
/// </summary>
internal static class TableCells
{
    public static JsonNode? Cell(string type, IReadOnlyList<JsonNode> results, DateTimeOffset now)
    {
        if (results.Count == 0)
        {
            return null;
        }
        return type switch
        {
            TableFormats.StringType => Text(results),
            TableFormats.IntegerType => Integer(results[0]),
            TableFormats.NumberType => Number(results[0]),
            TableFormats.BooleanType => Boolean(results[0]),
            TableFormats.DateType => Date(results[0], now),
            _ => Text(results),
        };
    }

    private static JsonNode? Text(IReadOnlyList<JsonNode> results)
    {
        var parts = results.Select(TextOf).Where(t => t is not null).ToList();
        return parts.Count == 0 ? null : JsonValue.Create(string.Join(',', parts));
    }

    private static string? TextOf(JsonNode node) => node switch
    {
        JsonArray array => array.Count == 0 ? null : string.Join(',', array.OfType<JsonNode>().Select(TextOf).Where(t => t is not null)),
        JsonObject obj => obj.ToJsonString(),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.True => "true",
        JsonValue value when value.GetValueKind() == JsonValueKind.False => "false",
        _ => node.ToJsonString(),
    };

    private static JsonNode? Integer(JsonNode node)
    {
        if (WholeNumber(node) is { } whole)
        {
            return JsonValue.Create(whole);
        }
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            // A fractional number in an integer column is truncated, as the real server's conversion does.
            return double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && Math.Abs(number) < long.MaxValue
                ? JsonValue.Create((long)Math.Truncate(number))
                : null;
        }
        return StringOf(node) is { } text && long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
            ? JsonValue.Create(parsed)
            : null;
    }

    private static JsonNode? Number(JsonNode node)
    {
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.Number)
        {
            return node.DeepClone();
        }
        return StringOf(node) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            ? JsonValue.Create(parsed)
            : null;
    }

    private static JsonNode? Boolean(JsonNode node)
    {
        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return JsonValue.Create(value.GetValueKind() == JsonValueKind.True);
        }
        return StringOf(node) is { } text && bool.TryParse(text, out var parsed) ? JsonValue.Create(parsed) : null;
    }

    private static JsonNode? Date(JsonNode node, DateTimeOffset now)
    {
        if (StringOf(node) is not { } text)
        {
            return null;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? JsonValue.Create(HumanDuration.Format(now - at))
            : JsonValue.Create("<invalid>");
    }

    /// <summary>
    /// A JSON number as a long, however the node was made: values parsed from text and values built from CLR numbers
    /// answer <c>TryGetValue</c> differently, their JSON text does not.
    /// </summary>
    public static long? WholeNumber(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            && long.TryParse(value.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var whole)
            ? whole
            : null;

    private static string? StringOf(JsonNode node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
