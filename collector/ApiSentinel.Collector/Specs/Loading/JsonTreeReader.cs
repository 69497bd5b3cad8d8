using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>
/// Reads a JSON document into a JSON tree with <see cref="Utf8JsonReader"/> (a non-recursive tokenizer) feeding
/// <see cref="JsonTreeBuilder"/>, so depth and size are checked against the <see cref="SpecBudget"/> before any
/// recursive reader sees the tree. Comments and trailing commas are accepted, as hand-written specs have them.
/// </summary>
internal static class JsonTreeReader
{
    public static JsonNode? Read(ReadOnlyMemory<byte> utf8, SpecBudget budget, SpecWarnings warnings, string sourceName)
    {
        var reader = new Utf8JsonReader(utf8.Span, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            // The builder refuses one level earlier, with the budget's name.
            MaxDepth = budget.MaxNestingDepth + 1,
        });
        var tokenStart = 0L;
        string Location()
        {
            // Lines are counted only when a message needs them.
            var bytes = utf8.Span[..(int)Math.Min(tokenStart, utf8.Length)];
            var line = bytes.Count((byte)'\n') + 1;
            var lineStart = bytes.LastIndexOf((byte)'\n') + 1;
            return $"line {line}, column {bytes.Length - lineStart + 1}";
        }

        var builder = new JsonTreeBuilder(budget, warnings, sourceName, Location);
        try
        {
            while (reader.Read())
            {
                tokenStart = reader.TokenStartIndex;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                        builder.StartObject();
                        break;
                    case JsonTokenType.StartArray:
                        builder.StartArray();
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        builder.End();
                        break;
                    case JsonTokenType.PropertyName:
                        builder.Key(ReadString(ref reader, sourceName, Location));
                        break;
                    case JsonTokenType.String:
                        var text = ReadString(ref reader, sourceName, Location);
                        builder.Value(JsonValue.Create(text), text.Length);
                        break;
                    case JsonTokenType.Number:
                        builder.Value(Number(ref reader), 0);
                        break;
                    case JsonTokenType.True or JsonTokenType.False:
                        builder.Value(JsonValue.Create(reader.TokenType == JsonTokenType.True), 0);
                        break;
                    case JsonTokenType.Null:
                        builder.Value(null, 0);
                        break;
                }
            }
        }
        catch (JsonException e)
        {
            var location = e.LineNumber is { } lineNumber ? $" at line {lineNumber + 1}, column {(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new SpecException($"{sourceName}: JSON syntax error{location}", e);
        }

        return builder.IsComplete ? builder.Root : throw new SpecException($"{sourceName}: the document is empty");
    }

    public static JsonNode? Read(string text, SpecBudget budget, SpecWarnings warnings, string sourceName) =>
        Read(Encoding.UTF8.GetBytes(text).AsMemory(), budget, warnings, sourceName);

    private static string ReadString(ref Utf8JsonReader reader, string sourceName, Func<string> location)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            // An escape such as "\ud800" with no partner, or bytes that are not UTF-8: not text.
            throw new SpecException($"{sourceName}: a string is not valid text (an unpaired surrogate escape or bytes that are not UTF-8) at {location()}", e);
        }
    }

    private static JsonNode Number(ref Utf8JsonReader reader)
    {
        if (reader.TryGetInt64(out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (reader.TryGetDouble(out var real) && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        // Out of double's range: keep the digits as written rather than invent a value.
        return JsonValue.Create(Encoding.UTF8.GetString(reader.ValueSpan));
    }
}
