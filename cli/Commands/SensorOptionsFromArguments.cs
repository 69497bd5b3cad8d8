using ApiSentinel.Cli.Arguments;
using ApiSentinel.Sensor.Extraction.Sensitive;
using ApiSentinel.Sensor.Pipeline;

namespace ApiSentinel.Cli.Commands;

/// <summary>The sensor options both commands share: body inspection limit, custom detectors, masked samples.</summary>
internal static class SensorOptionsFromArguments
{
    public const string Usage = """
          --body-limit BYTES        body bytes inspected per message (default: 65536)
          --sensitive-config FILE   custom sensitive-data detectors and enabled built-ins, JSON:
                                    {"customDetectors":[{"name":"employee-id","pattern":"EMP-[0-9]{6}"}]}
          --masked-samples          include masked samples of sensitive values (4111********1111); off by default
        """;

    public static readonly string[] ValueOptions = ["body-limit", "sensitive-config"];
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
