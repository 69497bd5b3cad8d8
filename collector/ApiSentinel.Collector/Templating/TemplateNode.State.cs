using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Templating;

/// <summary>
/// State export of the compiled template trie. It is state, not a cache: templates are recompiled lazily
/// (<see cref="TemplatingOptions.RecomputeDivisor"/>), so the trie compiled at the last recompilation decides the keys
/// of the next calls, and recompiling it from the current observations on import would key them differently.
/// </summary>
internal sealed partial class TemplateNode
{
    public void WriteState(StateWriter writer)
    {
        writer.WriteCount(Segments.Length);
        foreach (var segment in Segments)
        {
            writer.WriteString(segment.Text);
            writer.WriteBool(segment.IsParameter);
            writer.WriteNullableString(segment.UsableBaseName);
        }
        PathTemplateState.Write(writer, Template);
        var literals = _literals is null ? [] : _literals.Keys.ToArray();
        Array.Sort(literals, StringComparer.Ordinal);
        writer.WriteCount(literals.Length);
        foreach (var literal in literals)
        {
            writer.WriteString(literal);
            _literals![literal].WriteState(writer);
        }
        writer.WriteBool(Parameter is not null);
        if (Parameter is not null)
        {
            Parameter.WriteState(writer);
            writer.WriteBool(ParameterTakesWords);
            writer.WriteBool(ParameterTakesVersions);
        }
    }

    public static TemplateNode ReadState(StateReader reader)
    {
        using var depth = reader.Nested();
        var segments = new TemplateSegment[reader.ReadCount()];
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = new TemplateSegment(reader.ReadString(), reader.ReadBool(), reader.ReadNullableString());
        }
        var node = new TemplateNode(segments, PathTemplateState.Read(reader));
        var literals = reader.ReadCount();
        for (var i = 0; i < literals; i++)
        {
            var literal = reader.ReadString();
            if (node._literals?.ContainsKey(literal) == true)
            {
                throw reader.Corrupt("repeated template literal");
            }
            node.AddLiteral(literal, ReadState(reader));
        }
        if (reader.ReadBool())
        {
            var parameter = ReadState(reader);
            node.SetParameter(parameter, takesWords: reader.ReadBool(), takesVersions: reader.ReadBool());
        }
        return node;
    }
}
