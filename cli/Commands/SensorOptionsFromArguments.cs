using ApiSentinel.Cli.Arguments;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Cli.Commands;

/// <summary>The sensor options both commands share: body inspection limit, custom detectors, masked samples.</summary>
internal static class SensorOptionsFromArguments
{
    public const string Usage = """
          --body-limit BYTES        body bytes inspected per message (default: 65536)
          --inspection-budget BYTES body bytes held for inspection across all messages in flight (default: 67108864)
          --max-connections N       TCP connections tracked at once; the least recently seen is evicted (default: 65536)
          --sensitive-config FILE   custom sensitive-data detectors and enabled built-ins, JSON:
                                    {"customDetectors":[{"name":"employee-id","pattern":"EMP-[0-9]{6}"}]}
          --masked-samples          include masked samples of sensitive values (4111********1111); off by default
        """;

    public static readonly string[] ValueOptions = ["body-limit", "inspection-budget", "max-connections", "sensitive-config"];
    public static readonly string[] FlagOptions = ["masked-samples"];

    public static SensorOptions Build(ParsedArguments parsed)
    {
        var options = new SensorOptions();
        if (parsed.Single("body-limit") is { } limit)
        {
            options.Http.BodyInspectionLimit = int.TryParse(limit, out var bytes) && bytes >= 0
                ? bytes
                : throw new UsageException($"--body-limit: '{limit}' is not a byte count");
        }
        if (parsed.Single("inspection-budget") is { } budget)
        {
            options.Http.InspectionBudgetBytes = long.TryParse(budget, out var bytes) && bytes >= 0
                ? bytes
                : throw new UsageException($"--inspection-budget: '{budget}' is not a byte count");
        }
        if (parsed.Single("max-connections") is { } connections)
        {
            options.Reassembly.MaxConnections = int.TryParse(connections, out var count) && count >= 1
                ? count
                : throw new UsageException($"--max-connections: '{connections}' is not a positive count");
        }
        if (parsed.Single("sensitive-config") is { } file)
        {
            try
            {
                options.Extraction.SensitiveData = SensitiveDataOptions.FromJson(File.ReadAllText(file));
            }
            catch (FileNotFoundException)
            {
                throw new UsageException($"--sensitive-config: {file}: no such file");
            }
            catch (SensitiveDataConfigurationException e)
            {
                throw new UsageException($"--sensitive-config: {file}: {e.Message}");
            }
        }
        if (parsed.Has("masked-samples"))
        {
            options.Extraction.SensitiveData.IncludeMaskedSamples = true;
        }
        return options;
    }
}
