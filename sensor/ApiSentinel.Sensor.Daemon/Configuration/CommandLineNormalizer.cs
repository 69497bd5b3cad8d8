namespace ApiSentinel.Sensor.Daemon.Configuration;

/// <summary>
/// Checks the command line before <c>AddCommandLine</c> sees it: that provider accepts any <c>--name</c> and
/// pairs values by position, so a misspelt switch or a missing value would be ignored or shift the rest. List
/// switches (<c>--pcap a b</c>, <c>--pcap a --pcap b</c>, <c>--interface eth0 --interface eth1</c>) are merged in
/// order into indexed keys (<c>Pcap:0</c>, <c>Pcap:1</c>), the configuration form of a list; a repeated scalar switch
/// is refused, because the provider would keep only the last one silently.
/// </summary>
internal static class CommandLineNormalizer
{
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string> args)
    {
        // Switch → its values, in first-appearance order (a Dictionary keeps insertion order while nothing is removed).
        var given = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new OptionsException($"unexpected argument '{arg}' (options are --name value; see docs/sensor-daemon.md)");
            }
            string name = arg;
            string? inlineValue = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                name = arg[..equals];
                inlineValue = arg[(equals + 1)..];
            }
            if (!CommandLineSwitches.Mappings.ContainsKey(name))
            {
                throw new OptionsException($"unknown option {name}");
            }
            bool list = CommandLineSwitches.IsList(name);
            var values = new List<string>();
            if (inlineValue is not null)
            {
                values.Add(inlineValue);
            }
            else
            {
                while (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) &&
                       (values.Count == 0 || CommandLineSwitches.IsMultiValued(name)))
                {
                    values.Add(args[++i]);
                }
            }
            if (values.Count == 0)
            {
                throw new OptionsException($"{name} needs a value");
            }
            if (given.TryGetValue(name, out var earlier))
            {
                if (!list)
                {
                    throw new OptionsException($"{name} given more than once (it takes one value)");
                }
                earlier.AddRange(values);
            }
            else
            {
                given[name] = values;
            }
        }

        var result = new List<string>();
        foreach (var (name, values) in given)
        {
            if (values.Count == 1)
            {
                result.Add(name);
                result.Add(values[0]);
                continue;
            }
            // Several occurrences of a comma-separated list: split here, since indexed keys are not split later.
            var items = CommandLineSwitches.SplitsCommas(name)
                ? values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList()
                : values;
            string key = CommandLineSwitches.Mappings[name];
            for (int v = 0; v < items.Count; v++)
            {
                result.Add(FormattableString.Invariant($"--{key}:{v}"));
                result.Add(items[v]);
            }
        }
        return result;
    }
}
