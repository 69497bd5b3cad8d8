using System.Collections;

namespace ApiSentinel.Collector.Service.Configuration;

/// <summary>
/// The collector's configuration, in rising precedence: the JSON file named by <c>Config</c> (<c>--config</c> or
/// <c>APISENTINEL_CONFIG</c>), environment variables prefixed <c>APISENTINEL_</c>, the command line. The standard
/// <c>OTEL_*</c> variables are kept under their own names for the OpenTelemetry exporter; no other unprefixed
/// variable becomes configuration (a stray <c>STATEDIR</c> in the environment must not move the state).
/// </summary>
public static class CollectorConfiguration
{
    public const string EnvironmentPrefix = "APISENTINEL_";
    private const string OtelPrefix = "OTEL_";

    /// <summary>Builds the configuration; throws <see cref="CommandLineException"/> or <see cref="StartupException"/>.</summary>
    public static IConfigurationRoot Build(IReadOnlyList<string> args)
    {
        var commandLine = CommandLine.Normalise(args);
        var first = new ConfigurationBuilder()
            .AddEnvironmentVariables(EnvironmentPrefix)
            .AddCommandLine([.. commandLine])
            .Build();
        var builder = new ConfigurationBuilder().AddInMemoryCollection(OtelVariables());
        if (first[nameof(CollectorOptions.Config)] is { Length: > 0 } file)
        {
            builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables(EnvironmentPrefix).AddCommandLine([.. commandLine]);
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException or UnauthorizedAccessException)
        {
            throw new StartupException($"config file {first[nameof(CollectorOptions.Config)]}: {OneLine(e)}", e);
        }
    }

    /// <summary>The options bound from <paramref name="configuration"/> and validated (<see cref="CollectorOptionsValidator"/>).</summary>
    public static CollectorOptions Bind(IConfiguration configuration)
    {
        CollectorOptions options;
        try
        {
            options = configuration.Get<CollectorOptions>() ?? new CollectorOptions();
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException(OneLine(e), e);
        }
        if (CollectorOptionsValidator.Validate(options) is { } error)
        {
            throw new StartupException(error);
        }
        return options;
    }

    private static Dictionary<string, string?> OtelVariables()
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && name.StartsWith(OtelPrefix, StringComparison.OrdinalIgnoreCase))
            {
                result[name] = entry.Value as string;
            }
        }
        return result;
    }

    private static string OneLine(Exception e)
    {
        var message = e.InnerException is { } inner && e.Message.Contains("See the inner exception", StringComparison.Ordinal)
            ? $"{e.Message} {inner.Message}"
            : e.Message;
        return message.ReplaceLineEndings(" ");
    }
}
