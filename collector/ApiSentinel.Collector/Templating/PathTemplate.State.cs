using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Templating;

/// <summary>
/// State export of <see cref="PathTemplate"/> and its <see cref="PathParameter"/>s, every member in declaration
/// order. A static pair rather than a partial: the records are positional, and their declaration line is where new
/// members go.
/// </summary>
internal static class PathTemplateState
{
    public static void Write(StateWriter writer, PathTemplate template)
    {
        writer.WriteString(template.Template);
        writer.WriteCount(template.Parameters.Count);
        foreach (var parameter in template.Parameters)
        {
            writer.WriteString(parameter.Name);
            writer.WriteInt(parameter.SegmentIndex);
            writer.WriteString(parameter.ValueClass);
            writer.WriteString(parameter.Reason);
        }
        writer.WriteString(template.Reason);
        writer.WriteDouble(template.Confidence);
    }

    public static PathTemplate Read(StateReader reader)
    {
        var template = reader.ReadString();
        var parameters = new PathParameter[reader.ReadCount()];
        for (var i = 0; i < parameters.Length; i++)
        {
            parameters[i] = new PathParameter(reader.ReadString(), reader.ReadInt(), reader.ReadString(), reader.ReadString());
        }
        return new PathTemplate(template, parameters, reader.ReadString(), reader.ReadDouble());
    }
}
