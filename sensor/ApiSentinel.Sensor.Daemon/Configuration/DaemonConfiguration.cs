using Microsoft.Extensions.Configuration;

namespace ApiSentinel.Sensor.Daemon.Configuration;

/// <summary>
/// The daemon's configuration sources, lowest precedence first: the <c>--config</c> JSON file, then
/// <c>APISENTINEL_*</c> environment variables, then the command line. <c>--config</c> itself may come from the
/// environment or the command line, so it is resolved from those two first.
/// </summary>
internal static class DaemonConfiguration
{
    public static IConfigurationRoot Build(IReadOnlyList<string> args)
    {
        var normalized = CommandLineNormalizer.Normalize(args).ToArray();
        var switches = new Dictionary<string, string>(CommandLineSwitches.Mappings);

        var bootstrap = new ConfigurationBuilder()
            .AddEnvironmentVariables(OptionKeys.EnvironmentPrefix)
            .AddCommandLine(normalized, switches)
            .Build();

        var builder = new ConfigurationBuilder();
        if (bootstrap[OptionKeys.Config] is { Length: > 0 } file)
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path))
            {
                throw new OptionsException($"--config: {file}: no such file");
            }
            builder.AddJsonFile(path, optional: false, reloadOnChange: false);
        }
        builder.AddEnvironmentVariables(OptionKeys.EnvironmentPrefix).AddCommandLine(normalized, switches);
        try
        {
            return builder.Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // The JSON provider wraps the parser's error ("… LineNumber: 2 | BytePositionInLine: 14.") in one that
            // names only the file; the innermost says where, so the line names the file and quotes that.
            throw new OptionsException($"--config: {bootstrap[OptionKeys.Config]}: {FirstLine(Innermost(e).Message)}", e);
        }
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner)
        {
            e = inner;
        }
        return e;
    }

    private static string FirstLine(string message)
    {
        int newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}
