namespace ApiSentinel.Cli.Arguments;

/// <summary>
/// A deliberately small GNU-style parser: <c>--name value</c>, <c>--name=value</c>, repeated options, and
/// options that take several values (<c>--pcap a.pcap b.pcap</c>) until the next <c>--</c> token. Each command
/// declares what it accepts, so an unknown or misspelled option is an error, not silently ignored.
/// </summary>
internal sealed class ParsedArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    private readonly HashSet<string> _flags = new(StringComparer.Ordinal);

    private ParsedArguments() { }

    /// <param name="valueOptions">Options taking one or more values.</param>
    /// <param name="flagOptions">Options taking none.</param>
    public static ParsedArguments Parse(IReadOnlyList<string> args, IReadOnlySet<string> valueOptions, IReadOnlySet<string> flagOptions)
    {
        var parsed = new ParsedArguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length == 2)
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }
            var name = arg[2..];
            string? inline = null;
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                inline = name[(eq + 1)..];
                name = name[..eq];
            }
            if (flagOptions.Contains(name))
            {
                if (inline is not null)
                {
                    throw new UsageException($"--{name} takes no value");
                }
                parsed._flags.Add(name);
                continue;
            }
            if (!valueOptions.Contains(name))
            {
                throw new UsageException($"unknown option '--{name}'");
            }
            if (!parsed._values.TryGetValue(name, out var list))
            {
                parsed._values[name] = list = [];
            }
            if (inline is not null)
            {
                list.Add(inline);
                continue;
            }
            var before = list.Count;
            while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                list.Add(args[++i]);
            }
            if (list.Count == before)
            {
                throw new UsageException($"--{name} needs a value");
            }
        }
        return parsed;
    }

    public bool Has(string flag) => _flags.Contains(flag);

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    public string? Single(string name)
    {
        var all = All(name);
        return all.Count switch
        {
            0 => null,
            1 => all[0],
            _ => throw new UsageException($"--{name} is given more than once"),
        };
    }
}
