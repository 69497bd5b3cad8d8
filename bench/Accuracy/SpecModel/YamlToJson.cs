using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ApiSentinel.Bench.Accuracy.SpecModel;

/// <summary>
/// Reads a YAML document into a <see cref="JsonNode"/> tree, so the rest of the benchmark works on one model and
/// the published spec copies can be written as JSON (which the CLI accepts as readily as YAML).
/// </summary>
internal static class YamlToJson
{
    public static JsonNode Read(string path)
    {
        using var reader = new StreamReader(path);
        return Read(reader);
    }

    public static JsonNode Read(TextReader reader)
    {
        var stream = new YamlStream();
        stream.Load(reader);
        return (stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode)) ?? throw new InvalidDataException("empty document");
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => ConvertMapping(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => ConvertScalar(scalar),
        _ => throw new InvalidDataException($"unsupported YAML node {node.NodeType}"),
    };

    private static JsonObject ConvertMapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            result[(key as YamlScalarNode)?.Value ?? throw new InvalidDataException("non-scalar key")] = Convert(value);
        }
        return result;
    }

    // Only plain (unquoted) scalars are typed, as YAML 1.2's core schema does: a quoted "200" stays a string.
    private static JsonNode? ConvertScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        if (text is "true" or "false")
        {
            return JsonValue.Create(text == "true");
        }
        if (text is "null" or "~" or "")
        {
            return null;
        }
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && text.Count(c => c == '.') <= 1)
        {
            return JsonValue.Create(number);
        }
        return JsonValue.Create(text);
    }
}
