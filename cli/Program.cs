using ApiSentinel.Cli.Arguments;
using ApiSentinel.Cli.Commands;
using ApiSentinel.Cli.Output;
using ApiSentinel.Sensor.Capture;

namespace ApiSentinel.Cli;

/// <summary>
/// Entry point. Every failure ends as one line on stderr and a non-zero exit code: users of a security tool read
/// its error output in CI logs, where a stack trace is noise (DESIGN.md, CLI contract).
/// </summary>
internal static class Program
{
    private const string Usage = """
        apisentinel — runtime API discovery and risk from real traffic

        usage: apisentinel <command> [options]

        commands:
          exchanges   one record per HTTP exchange in capture files or live traffic
          analyze     the API catalog: endpoints, auth, sensitive data, spec conformance, findings, risk
          help        this text (apisentinel <command> --help for a command's options)
        """;

    public static int Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        try
        {
            return Dispatch(args, cancel.Token);
        }
        catch (UsageException e)
        {
            StderrLine.Write($"{e.Message} (see 'apisentinel {(args.Length > 0 ? args[0] + " " : "")}--help')");
            return ExitCodes.UsageError;
        }
        catch (Collector.Specs.SpecException e)
        {
            StderrLine.Write(e.Message);
            return ExitCodes.InputError;
        }
        catch (CaptureException e)
        {
            StderrLine.Write(e.Message);
            return ExitCodes.InputError;
        }
        catch (IOException e)
        {
            StderrLine.Write(e.Message);
            return ExitCodes.InputError;
        }
        catch (UnauthorizedAccessException e)
        {
            StderrLine.Write(e.Message);
            return ExitCodes.InputError;
        }
#pragma warning disable CA1031 // the last line of defence: one line, never a stack trace
        catch (Exception e)
#pragma warning restore CA1031
        {
            // Not the message: an exception thrown while handling input can quote that input (a header value, a
            // body), and nothing from the wire may reach stderr. Type and throwing method are enough for a report.
            var method = new System.Diagnostics.StackTrace(e, fNeedFileInfo: false).GetFrame(0)?.GetMethod();
            StderrLine.Write($"internal error: {e.GetType().Name} in {method?.DeclaringType?.Name}.{method?.Name} (please report)");
            return ExitCodes.InternalError;
        }
    }

    private static int Dispatch(string[] args, CancellationToken cancellationToken)
    {
        if (args.Length == 0 || args[0] is "help" or "--help" or "-h")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? ExitCodes.UsageError : ExitCodes.Success;
        }
        var rest = args.AsSpan(1).ToArray();
        return args[0] switch
        {
            "exchanges" => ExchangesCommand.Run(rest, cancellationToken),
            "analyze" => AnalyzeCommand.Run(rest, cancellationToken),
            _ => throw new UsageException($"unknown command '{args[0]}'"),
        };
    }
}
