using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ApiSentinel.Collector.Specs.Loading;

/// <summary>
/// Reads the first YAML document into a JSON tree (Microsoft.OpenApi 3.x reads JSON trees only), straight from
/// YamlDotNet's event stream. The representation model (<c>YamlStream</c>) is not used: it recurses once per
/// level, so <c>[</c> × 50,000 overflowed the stack before any limit was checked (issue 6, item 8), and it
/// holds a second copy of the whole document. Here the parser's events feed <see cref="JsonTreeBuilder"/>, which
/// checks depth before opening a level and charges alias uses by what they expand to (item 9).
/// </summary>
internal static class YamlTreeReader
{
    public static JsonNode? Read(TextReader text, SpecBudget budget, SpecWarnings warnings, string sourceName)
    {
        var parser = new Parser(text);
        Mark position = Mark.Empty;
        string Location() => $"line {position.Line}, column {position.Column}";
        var builder = new JsonTreeBuilder(budget, warnings, sourceName, Location);
        var anchors = new Dictionary<string, Anchored>(StringComparer.Ordinal);
        // Per open container: is it a mapping, and is its next node a key?
        var containers = new Stack<Container>();
        var sawDocument = false;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                position = current.Start;
                switch (current)
                {
                    case DocumentStart when sawDocument:
                        // Only the first document of a stream is the spec.
                        return Complete(builder, sourceName);
                    case DocumentStart:
                        sawDocument = true;
                        break;
                    case MappingStart or SequenceStart when IsKeyPosition(containers):
                        throw new SpecException($"{sourceName}: a mapping key that is not a scalar (not representable in JSON) at {Location()}");
                    case MappingStart mappingStart:
                        AdvanceValue(containers);
                        containers.Push(new Container(true, builder.Nodes, builder.Chars, mappingStart.Anchor));
                        builder.StartObject();
                        break;
                    case SequenceStart sequenceStart:
                        AdvanceValue(containers);
                        containers.Push(new Container(false, builder.Nodes, builder.Chars, sequenceStart.Anchor));
                        builder.StartArray();
                        break;
                    case MappingEnd or SequenceEnd:
                        var container = containers.Pop();
                        var node = builder.End();
                        if (!container.Anchor.IsEmpty)
                        {
                            anchors[container.Anchor.Value] = new Anchored(node, builder.Nodes - container.NodesAtStart, builder.Chars - container.CharsAtStart);
                        }

                        break;
                    case Scalar scalar:
                        RejectLoneSurrogates(scalar.Value, sourceName, Location);
                        if (IsKeyPosition(containers))
                        {
                            containers.Peek().ExpectKey = false;
                            if (scalar.Style == ScalarStyle.Plain && scalar.Value == "<<")
                            {
                                builder.MergeKey();
                            }
                            else
                            {
                                builder.Key(scalar.Value);
                            }

                            Remember(anchors, scalar.Anchor, JsonValue.Create(scalar.Value), scalar.Value.Length);
                            break;
                        }

                        AdvanceValue(containers);
                        var value = YamlScalars.ToJson(scalar.Value, scalar.Style, scalar.Tag.IsEmpty ? null : scalar.Tag.Value);
                        builder.Value(value, scalar.Value.Length);
                        Remember(anchors, scalar.Anchor, value, scalar.Value.Length);
                        break;
                    case AnchorAlias alias:
                        if (!anchors.TryGetValue(alias.Value.Value, out var anchored))
                        {
                            throw new SpecException($"{sourceName}: alias *{SpecText.Escape(alias.Value.Value, 64)} names no anchor defined before it at {Location()}");
                        }

                        if (IsKeyPosition(containers))
                        {
                            containers.Peek().ExpectKey = false;
                            builder.Key(anchored.Node is JsonValue keyValue ? keyValue.ToString() : throw new SpecException(
                                $"{sourceName}: an alias used as a mapping key names a non-scalar node at {Location()}"));
                            break;
                        }

                        AdvanceValue(containers);
                        builder.Alias(anchored.Node, anchored.Nodes, anchored.Chars);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            throw new SpecException(
                $"{sourceName}: YAML syntax error at line {e.Start.Line}, column {e.Start.Column}: {SpecText.Escape(FirstLine(e.Message))}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these (without a position) on some malformed input; the start of the
            // last event read is the closest location known.
            throw new SpecException($"{sourceName}: YAML syntax error after line {position.Line}, column {position.Column}", e);
        }

        return Complete(builder, sourceName);
    }

    private static JsonNode? Complete(JsonTreeBuilder builder, string sourceName) =>
        builder.IsComplete ? builder.Root : throw new SpecException($"{sourceName}: the document is empty");

    private static bool IsKeyPosition(Stack<Container> containers) => containers.Count > 0 && containers.Peek().ExpectKey;

    private static void AdvanceValue(Stack<Container> containers)
    {
        if (containers.Count > 0 && containers.Peek().IsMapping)
        {
            containers.Peek().ExpectKey = true;
        }
    }

    private static void Remember(Dictionary<string, Anchored> anchors, AnchorName anchor, JsonNode? node, int chars)
    {
        if (!anchor.IsEmpty)
        {
            anchors[anchor.Value] = new Anchored(node, 1, chars);
        }
    }

    internal static void RejectLoneSurrogates(string text, string sourceName, Func<string> location)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsSurrogate(text[i]))
            {
                continue;
            }

            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            throw new SpecException($"{sourceName}: a string holds an unpaired surrogate (\\u{(int)text[i]:X4}), which is not text, at {location()}");
        }
    }

    private static string FirstLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }

    private sealed record Anchored(JsonNode? Node, long Nodes, long Chars);

    private sealed class Container(bool isMapping, long nodesAtStart, long charsAtStart, AnchorName anchor)
    {
        public bool IsMapping { get; } = isMapping;

        public bool ExpectKey { get; set; } = isMapping;

        public long NodesAtStart { get; } = nodesAtStart;

        public long CharsAtStart { get; } = charsAtStart;

        public AnchorName Anchor { get; } = anchor;
    }
}
