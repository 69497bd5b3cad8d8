namespace ApiSentinel.Sensor.Daemon.Configuration;

/// <summary>
/// Checks the command line before <c>AddCommandLine</c> sees it: that provider accepts any <c>--name</c> and
/// pairs values by position, so a misspelt switch or a missing value would be ignored or shift the rest. Multi-valued
/// switches (<c>--pcap a b</c>) become indexed keys (<c>Pcap:0</c>, <c>Pcap:1</c>), the configuration form of a list.
/// </summary>
internal static class CommandLineNormalizer
{
    public static IReadOnlyList<string> Normalize(IReadOnlyList<string> args)
    {
        var result = new List<string>();
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
            if (!CommandLineSwitches.Mappings.TryGetValue(name, out var key))
            {
                throw new OptionsException($"unknown option {name}");
            }
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
            if (values.Count == 1)
            {
                result.Add(name);
                result.Add(values[0]);
            }
            else
            {
                for (int v = 0; v < values.Count; v++)
                {
                    result.Add(FormattableString.Invariant($"--{key}:{v}"));
                    result.Add(values[v]);
                }
            }
        }
        return result;
    }
}
