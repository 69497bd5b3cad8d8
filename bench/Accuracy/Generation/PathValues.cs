using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.Generation;

/// <summary>
/// The distinct values each path parameter of one operation carried on the wire, for the traffic-decidable truth:
/// a parameter all of whose calls carried one and the same value is, as far as any traffic-only method can tell,
/// a literal segment (an enum with one value, an operation called once). Values are kept as sent (percent-escaped).
/// </summary>
internal sealed class PathValues(int parameterCount)
{
    private readonly List<(string Name, HashSet<string> Values)> _parameters = new(parameterCount);

    public void Add(IReadOnlyList<SpecParameter> parameters, IReadOnlyList<string> sent)
    {
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i == _parameters.Count)
            {
                _parameters.Add((parameters[i].Name, new HashSet<string>(StringComparer.Ordinal)));
            }
            _parameters[i].Values.Add(sent[i]);
        }
    }

    /// <summary>The template with every single-valued parameter replaced by its value; the others stay as written.</summary>
    public string Decidable(string template)
    {
        foreach (var (name, values) in _parameters)
        {
            if (values.Count == 1 && IsPlainWord(values.First()))
            {
                template = template.Replace("{" + name + "}", values.First(), StringComparison.Ordinal);
            }
        }
        return template;
    }

    /// <summary>
    /// Only a value of letters (with <c>-</c>, <c>_</c>, <c>.</c>) is undecidable when it is the only one: a value
    /// with a digit (an id, a date, a UUID, <c>v2</c>) can be told a parameter by its form alone, so the ceiling
    /// must not count it as lost (review finding: the first version rewrote single-valued ids too).
    /// </summary>
    internal static bool IsPlainWord(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetter(c) || c is '-' or '_' or '.');
}
