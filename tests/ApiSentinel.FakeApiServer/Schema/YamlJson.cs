using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ApiSentinel.FakeApiServer.Schema;

/// <summary>
/// YAML to <see cref="JsonNode"/> with the YAML 1.2 core schema's scalars, as kubectl and the API server read
/// manifests: plain <c>42</c>, <c>0x2A</c>, <c>1.5</c>, <c>.inf</c>, <c>true</c>, <c>null</c>/<c>~</c>/empty are typed;
/// anything quoted, block scalars and <c>!!str</c> stay strings. Aliases resolve to copies of their anchor.
/// </summary>
public static partial class YamlJson
{
    // CRD manifests nest deeper than System.Text.Json's default of 64 (each schema level is two JSON levels).
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 512 };

    /// <summary>The first document; null for an empty stream or a document that is YAML null.</summary>
    public static JsonNode? Parse(string yaml)
    {
        var all = ParseAll(yaml);
        return all.Count == 0 ? null : all[0];
    }

    /// <summary>Every document of a multi-document stream (<c>---</c>), empty documents included as null.</summary>
    /// <exception cref="YamlException">The text is not YAML.</exception>
    public static IReadOnlyList<JsonNode?> ParseAll(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        // Round-tripped through JSON text so numbers behave as in a parsed request body (GetValue<int>() works).
        return [.. stream.Documents.Select(d => Convert(d.RootNode) is { } node ? JsonNode.Parse(node.ToJsonString(), null, ParseOptions) : null)];
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => Mapping(map),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonObject Mapping(YamlMappingNode map)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in map.Children)
        {
            var name = key is YamlScalarNode s ? s.Value ?? "null" : key.ToString();
            // A duplicate key is an error for the real decoder too (sigs.k8s.io/yaml strict mode).
            if (obj.ContainsKey(name))
            {
                throw new YamlException(key.Start, key.End, $"mapping key \"{name}\" already defined");
            }
            obj[name] = Convert(value);
        }
        return obj;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? "" : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (scalar.Style is not ScalarStyle.Plain and not ScalarStyle.Any))
        {
            return JsonValue.Create(text);
        }
        if (tag is "tag:yaml.org,2002:null" || text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }
        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }
        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }
        if (IntPattern().IsMatch(text))
        {
            if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            {
                return JsonValue.Create(l);
            }
            if (ulong.TryParse(text.TrimStart('+'), NumberStyles.None, CultureInfo.InvariantCulture, out var u))
            {
                return JsonValue.Create(u);
            }
            return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        if (text.StartsWith("0x", StringComparison.Ordinal) && long.TryParse(text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }
        if (text.StartsWith("0o", StringComparison.Ordinal) && OctalPattern().IsMatch(text[2..]))
        {
            return JsonValue.Create(System.Convert.ToInt64(text[2..], 8));
        }
        if (FloatPattern().IsMatch(text))
        {
            return JsonValue.Create(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }
        // JSON has no infinities or NaN; like sigs.k8s.io/yaml's JSON conversion, they cannot be represented.
        if (text is ".inf" or ".Inf" or ".INF" or "+.inf" or "-.inf" or ".nan" or ".NaN" or ".NAN")
        {
            throw new YamlException(scalar.Start, scalar.End, $"{text} cannot be represented in JSON");
        }
        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex(@"^[0-7]+$")]
    private static partial Regex OctalPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
