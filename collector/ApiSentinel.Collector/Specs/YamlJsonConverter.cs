using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ApiSentinel.Collector.Specs;

/// <summary>
/// Turns a YAML spec into the equivalent JSON tree. Microsoft.OpenApi 3.x reads JSON only (its YAML reader lives in a
/// separate package that clashes with this process's YAML dependencies), so YAML documents go through here first.
/// </summary>
/// <remarks>
/// The representation model is used rather than deserializing to <c>object</c> because only it keeps the scalar
/// style: a quoted <c>'200'</c> or <c>"1.0"</c> must stay a string, while a plain <c>200</c> becomes a number.
/// Plain scalars follow the YAML 1.2 core schema (null, booleans, integers, floats); everything else is a string.
/// Aliases are expanded; a node budget stops alias bombs.
/// </remarks>
internal static class YamlJsonConverter
{
    // A large real spec (GitHub's REST description) has well under a million nodes after alias expansion.
    private const int MaxNodes = 2_000_000;

    public static JsonNode? Convert(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        var parser = new PositionTrackingParser(new Parser(new StringReader(yaml)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            throw new SpecException(
                $"{sourceName}: YAML syntax error at line {e.Start.Line}, column {e.Start.Column}: {FirstLine(e.Message)}", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (without a position) on some malformed input; the end of the last
            // well-formed event is the closest location known.
            throw new SpecException(
                $"{sourceName}: YAML syntax error after line {parser.LastGood.Line}, column {parser.LastGood.Column}", e);
        }

        if (stream.Documents.Count == 0)
        {
            throw new SpecException($"{sourceName}: the document is empty");
        }

        var budget = MaxNodes;
        return ToJson(stream.Documents[0].RootNode, ref budget, sourceName, depth: 0);
    }

    private static JsonNode? ToJson(YamlNode node, ref int budget, string sourceName, int depth)
    {
        if (--budget < 0 || depth > 256)
        {
            throw new SpecException($"{sourceName}: document too large or too deeply nested after alias expansion");
        }

        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalarKey ? scalarKey.Value ?? "" : key.ToString();
                    if (name == "<<" && value is YamlMappingNode merged)
                    {
                        // Merge keys: copy entries the mapping does not define itself.
                        foreach (var (mk, mv) in merged.Children)
                        {
                            var mergedName = (mk as YamlScalarNode)?.Value ?? mk.ToString();
                            if (!mapping.Children.ContainsKey(new YamlScalarNode(mergedName)) && !obj.ContainsKey(mergedName))
                            {
                                obj[mergedName] = ToJson(mv, ref budget, sourceName, depth + 1);
                            }
                        }

                        continue;
                    }

                    obj[name] = ToJson(value, ref budget, sourceName, depth + 1);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    array.Add(ToJson(item, ref budget, sourceName, depth + 1));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                return null;
        }
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (LooksLikeFloat(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) &&
            double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(text);
    }

    // double.TryParse accepts forms YAML treats as strings ("1,000" is not, but " 1" and "Infinity" are); require
    // the core-schema shape: optional sign, digits, optional fraction, optional exponent.
    private static bool LooksLikeFloat(string text)
    {
        var i = 0;
        if (i < text.Length && (text[i] == '-' || text[i] == '+'))
        {
            i++;
        }

        var digits = 0;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
            digits++;
        }

        if (i < text.Length && text[i] == '.')
        {
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
        {
            i++;
            if (i < text.Length && (text[i] == '-' || text[i] == '+'))
            {
                i++;
            }

            var exponentDigits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
                exponentDigits++;
            }

            if (exponentDigits == 0)
            {
                return false;
            }
        }

        return i == text.Length;
    }

    private sealed class PositionTrackingParser(IParser inner) : IParser
    {
        public Mark LastGood { get; private set; } = Mark.Empty;

        public YamlDotNet.Core.Events.ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (inner.Current is { } current)
            {
                LastGood = current.End;
            }

            return inner.MoveNext();
        }
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
