using System.Text.Json.Nodes;
using ApiSentinel.FakeApiServer.Http;

namespace ApiSentinel.FakeApiServer.Selectors;

/// <summary>
/// A parsed <c>labelSelector</c>: comma-separated requirements <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>,
/// <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c> (exists) and <c>!k</c> (does not exist), all of which must hold.
/// As in kube, <c>!=</c> and <c>notin</c> also match objects without the label.
/// </summary>
internal sealed class LabelSelector
{
    public static readonly LabelSelector Everything = new([]);

    private readonly IReadOnlyList<LabelRequirement> _requirements;

    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) => _requirements = requirements;

    /// <summary>Parses the query value; a malformed selector is a 400, as the real server answers.</summary>
    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }
        return new LabelSelector([.. SplitRequirements(text).Select(r => ParseRequirement(r.Trim(), text))]);
    }

    public bool Matches(JsonObject obj)
    {
        var labels = obj["metadata"]?["labels"] as JsonObject;
        return _requirements.All(r => r.Matches(labels));
    }

    private static IEnumerable<string> SplitRequirements(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(': depth++; break;
                case ')': depth--; break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }
        yield return text[start..];
    }

    private static LabelRequirement ParseRequirement(string part, string whole)
    {
        if (part.Length == 0)
        {
            throw Unparsable(whole);
        }
        if (part.StartsWith('!') && !part.Contains('=', StringComparison.Ordinal))
        {
            return new LabelRequirement(Key(part[1..], whole), LabelOperator.DoesNotExist, []);
        }
        foreach (var (token, op) in new[] { ("!=", LabelOperator.NotEquals), ("==", LabelOperator.Equals), ("=", LabelOperator.Equals) })
        {
            var at = part.IndexOf(token, StringComparison.Ordinal);
            if (at > 0)
            {
                return new LabelRequirement(Key(part[..at], whole), op, [Value(part[(at + token.Length)..], whole)]);
            }
        }
        var words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 1)
        {
            return new LabelRequirement(Key(words[0], whole), LabelOperator.Exists, []);
        }
        var rest = words[1];
        foreach (var (word, op) in new[] { ("notin", LabelOperator.NotIn), ("in", LabelOperator.In) })
        {
            if (rest.StartsWith(word, StringComparison.Ordinal))
            {
                var set = rest[word.Length..].Trim();
                if (!set.StartsWith('(') || !set.EndsWith(')'))
                {
                    throw Unparsable(whole);
                }
                var values = set[1..^1].Split(',', StringSplitOptions.TrimEntries).Select(v => Value(v, whole)).ToHashSet(StringComparer.Ordinal);
                return new LabelRequirement(Key(words[0], whole), op, values);
            }
        }
        throw Unparsable(whole);
    }

    private static string Key(string key, string whole)
    {
        key = key.Trim();
        return key.Length == 0 || key.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!') ? throw Unparsable(whole) : key;
    }

    private static string Value(string value, string whole)
    {
        value = value.Trim();
        return value.Any(c => char.IsWhiteSpace(c) || c is '(' or ')' or ',' or '=' or '!') ? throw Unparsable(whole) : value;
    }

    private static KubeStatusException Unparsable(string whole) =>
        KubeStatus.BadRequest($"unable to parse requirement: found '{whole}', expected: key, !key, key=value, key!=value, key in (values), key notin (values)");
}
