using System.Collections;
using System.Globalization;

namespace ApiSentinel.Cli.Output.Yaml;

/// <summary>
/// Writes a tree of mappings (<see cref="IDictionary"/> with string keys), sequences (<see cref="IList"/>) and
/// scalars (string, bool, integers, double, null) as block-style YAML. Our own writer rather than a serializer,
/// because the quoting of every string is the point (<see cref="YamlScalar"/>): a serializer picks plain or
/// folded styles by content, and that choice is what let a NEL or ESC from the wire break the stream.
/// </summary>
internal static class YamlBlockWriter
{
    private const int IndentStep = 2;

    public static void WriteDocument(TextWriter output, IDictionary root)
    {
        output.WriteLine("---");
        WriteMapping(output, root, 0, firstLineWritten: false);
    }

    private static void WriteMapping(TextWriter output, IDictionary mapping, int indent, bool firstLineWritten)
    {
        var first = true;
        foreach (DictionaryEntry entry in mapping)
        {
            if (!(first && firstLineWritten))
            {
                output.Write(new string(' ', indent));
            }
            first = false;
            output.Write(YamlScalar.Key((string)entry.Key));
            output.Write(':');
            WriteValue(output, entry.Value, indent);
        }
    }

    /// <summary>The value after <c>key:</c> or <c>-</c>: a scalar or empty collection on the same line, else an indented block.</summary>
    private static void WriteValue(TextWriter output, object? value, int indent)
    {
        switch (value)
        {
            case IDictionary { Count: 0 }:
                output.WriteLine(" {}");
                break;
            case IDictionary mapping:
                output.WriteLine();
                WriteMapping(output, mapping, indent + IndentStep, firstLineWritten: false);
                break;
            case string text:
                output.Write(' ');
                output.WriteLine(YamlScalar.Quoted(text));
                break;
            case IList { Count: 0 }:
                output.WriteLine(" []");
                break;
            case IList list:
                output.WriteLine();
                WriteSequence(output, list, indent + IndentStep);
                break;
            default:
                output.Write(' ');
                output.WriteLine(Scalar(value));
                break;
        }
    }

    private static void WriteSequence(TextWriter output, IList list, int indent)
    {
        foreach (var item in list)
        {
            output.Write(new string(' ', indent));
            output.Write('-');
            if (item is IDictionary { Count: > 0 } mapping)
            {
                output.Write(' ');
                WriteMapping(output, mapping, indent + IndentStep, firstLineWritten: true);
            }
            else
            {
                WriteValue(output, item, indent);
            }
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : throw new ArgumentException("not a finite number", nameof(value)),
        float f => Scalar((double)f),
        IFormattable number when value is int or long or short or byte or uint or ulong or ushort or sbyte or decimal =>
            number.ToString(null, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"no YAML form for {value.GetType().Name}", nameof(value)),
    };
}
