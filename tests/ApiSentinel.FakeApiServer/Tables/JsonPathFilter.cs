using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tables;

/// <summary>
/// The filter printer columns use to pick a list element, most often a condition:
/// <c>@.type=="Ready"</c>, <c>@.count!=0</c>, <c>@.ready==true</c>, or <c>@.reason</c> (the field exists).
/// </summary>
public sealed class JsonPathFilter
{
    private readonly string[] _path;
    private readonly string? _operator;
    private readonly JsonNode? _literal;

    private JsonPathFilter(string[] path, string? op, JsonNode? literal)
    {
        _path = path;
        _operator = op;
        _literal = literal;
    }

    public static bool TryParse(string text, out JsonPathFilter filter)
    {
        filter = null!;
        var body = text.Trim();
        string? op = null;
        var at = -1;
        foreach (var candidate in new[] { "==", "!=" })
        {
            at = body.IndexOf(candidate, StringComparison.Ordinal);
            if (at >= 0)
            {
                op = candidate;
                break;
            }
        }
        var left = (op is null ? body : body[..at]).Trim();
        if (!left.StartsWith("@.", StringComparison.Ordinal))
        {
            return false;
        }
        var path = left[2..].Split('.');
        if (path.Any(p => p.Length == 0 || p.Any(c => char.IsWhiteSpace(c) || c is '[' or ']' or '(' or ')' or '<' or '>')))
        {
            return false;
        }
        JsonNode? literal = null;
        if (op is not null && !TryLiteral(body[(at + op.Length)..].Trim(), out literal))
        {
            return false;
        }
        filter = new JsonPathFilter(path, op, literal);
        return true;
    }

    public bool Matches(JsonNode element)
    {
        var value = element;
        foreach (var key in _path)
        {
            value = value is JsonObject obj ? obj[key] : null;
        }
        return _operator switch
        {
            null => value is not null,
            "==" => value is not null && JsonNode.DeepEquals(Normalise(value), _literal),
            _ => value is null || !JsonNode.DeepEquals(Normalise(value), _literal),
        };
    }

    private static bool TryLiteral(string text, out JsonNode? literal)
    {
        literal = null;
        if (text.Length >= 2 && text[0] is '"' or '\'' && text[^1] == text[0])
        {
            literal = JsonValue.Create(text[1..^1]);
            return true;
        }
        if (text is "true" or "false")
        {
            literal = JsonValue.Create(text == "true");
            return true;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            literal = JsonValue.Create(number);
            return true;
        }
        return false;
    }

    /// <summary>Numbers compared by value (3 equals 3.0), whatever CLR type a node was built from.</summary>
    private static JsonNode Normalise(JsonNode value) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number)
            : value;
}
