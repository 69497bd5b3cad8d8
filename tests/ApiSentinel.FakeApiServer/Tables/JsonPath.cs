using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ApiSentinel.FakeApiServer.Tables;

/// <summary>
/// The JSONPath subset printer columns use: <c>.a.b</c>, <c>[0]</c> (negative counts from the end),
/// <c>['key']</c>/<c>["key"]</c> (for keys with dots or slashes, e.g. label keys), <c>a\.b</c> (an escaped dot),
/// <c>[*]</c>/<c>.*</c>, filters on list elements (<c>[?(@.type=="Ready")]</c>, see <see cref="JsonPathFilter"/>),
/// optionally wrapped in <c>{…}</c> and led by <c>$</c>. Anything else does not parse:
/// <see cref="TryParse"/> says so instead of guessing.
/// </summary>
public sealed class JsonPath
{
    private readonly IReadOnlyList<Segment> _segments;

    private JsonPath(string text, IReadOnlyList<Segment> segments)
    {
        Text = text;
        _segments = segments;
    }

    public string Text { get; }

    public static bool TryParse(string? text, out JsonPath path)
    {
        path = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var body = text.Trim();
        if (body.StartsWith('{') && body.EndsWith('}'))
        {
            body = body[1..^1].Trim();
        }
        if (body.StartsWith('$'))
        {
            body = body[1..];
        }
        var segments = new List<Segment>();
        var i = 0;
        while (i < body.Length)
        {
            if (body[i] == '.')
            {
                i++;
                if (i < body.Length && body[i] == '*')
                {
                    segments.Add(Segment.Wildcard);
                    i++;
                    continue;
                }
                if (!TryReadName(body, ref i, out var name))
                {
                    return false;
                }
                segments.Add(Segment.Field(name));
            }
            else if (body[i] == '[')
            {
                if (!TryReadBracket(body, ref i, out var segment))
                {
                    return false;
                }
                segments.Add(segment);
            }
            else if (segments.Count == 0 && TryReadName(body, ref i, out var first))
            {
                // kubectl accepts a leading name without its dot ("metadata.name"), as does the real server.
                segments.Add(Segment.Field(first));
            }
            else
            {
                return false;
            }
        }
        path = new JsonPath(text, segments);
        return true;
    }

    /// <summary>Every value the path reaches, in document order; an absent field or index reaches nothing.</summary>
    public IReadOnlyList<JsonNode> Evaluate(JsonNode? root)
    {
        List<JsonNode> current = root is null ? [] : [root];
        foreach (var segment in _segments)
        {
            var next = new List<JsonNode>();
            foreach (var node in current)
            {
                segment.Step(node, next);
            }
            current = next;
        }
        return current;
    }

    private static bool TryReadName(string body, ref int i, out string name)
    {
        var builder = new StringBuilder();
        while (i < body.Length && body[i] is not ('.' or '['))
        {
            if (body[i] == '\\' && i + 1 < body.Length && body[i + 1] == '.')
            {
                builder.Append('.');
                i += 2;
                continue;
            }
            builder.Append(body[i]);
            i++;
        }
        name = builder.ToString();
        return name.Length > 0;
    }

    private static bool TryReadBracket(string body, ref int i, out Segment segment)
    {
        segment = Segment.Wildcard;
        var j = i + 1;
        while (j < body.Length && body[j] == ' ')
        {
            j++;
        }
        if (j < body.Length && body[j] is '\'' or '"')
        {
            // A quoted key: everything up to the matching quote, dots and slashes included.
            var closingQuote = body.IndexOf(body[j], j + 1);
            var close = closingQuote < 0 ? -1 : body.IndexOf(']', closingQuote);
            if (close < 0 || body[(closingQuote + 1)..close].Trim().Length > 0)
            {
                return false;
            }
            segment = Segment.Field(body[(j + 1)..closingQuote]);
            i = close + 1;
            return true;
        }
        var end = body.IndexOf(']', j);
        if (end < 0)
        {
            return false;
        }
        var inner = body[j..end].Trim();
        if (inner.StartsWith("?(", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            if (!JsonPathFilter.TryParse(inner[2..^1], out var filter))
            {
                return false;
            }
            segment = Segment.Filter(filter);
        }
        else if (inner == "*")
        {
            segment = Segment.Wildcard;
        }
        else if (int.TryParse(inner, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            segment = Segment.Index(index);
        }
        else
        {
            return false;
        }
        i = end + 1;
        return true;
    }

    private sealed class Segment
    {
        private readonly string? _field;
        private readonly int? _index;
        private readonly JsonPathFilter? _filter;

        private Segment(string? field, int? index, JsonPathFilter? filter = null)
        {
            _field = field;
            _index = index;
            _filter = filter;
        }

        public static Segment Wildcard { get; } = new(null, null);

        public static Segment Field(string name) => new(name, null);

        public static Segment Index(int index) => new(null, index);

        public static Segment Filter(JsonPathFilter filter) => new(null, null, filter);

        public void Step(JsonNode node, List<JsonNode> into)
        {
            if (_filter is not null)
            {
                if (node is JsonArray elements)
                {
                    into.AddRange(elements.OfType<JsonNode>().Where(_filter.Matches));
                }
            }
            else if (_field is not null)
            {
                if (node is JsonObject obj && obj[_field] is { } child)
                {
                    into.Add(child);
                }
            }
            else if (_index is { } index)
            {
                if (node is JsonArray array)
                {
                    var at = index < 0 ? array.Count + index : index;
                    if (at >= 0 && at < array.Count && array[at] is { } element)
                    {
                        into.Add(element);
                    }
                }
            }
            else if (node is JsonArray all)
            {
                into.AddRange(all.OfType<JsonNode>());
            }
            else if (node is JsonObject values)
            {
                into.AddRange(values.Select(p => p.Value).OfType<JsonNode>());
            }
        }
    }
}
