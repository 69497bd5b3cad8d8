using System.Net.Sockets;
using System.Security.Authentication;
using ApiSentinel.Collector.Service.Configuration;
using ApiSentinel.Collector.Service.State;

namespace ApiSentinel.Collector.Service;

/// <summary>
/// <c>apisentinel-collector</c>. Expected failures — a wrong command line (exit 2), a bad or missing option, an
/// unreadable file, a port in use or an address that cannot be listened on, a state directory that cannot be used (exit 1) — end with one line on stderr,
/// never a stack trace.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (CommandLine.WantsHelp(args))
        {
            await Console.Out.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        try
        {
            var configuration = CollectorConfiguration.Build(args);
            var options = CollectorConfiguration.Bind(configuration);
            await using var app = CollectorApplication.Build(options, configuration);
            try
            {
                await app.StartAsync().ConfigureAwait(false);
            }
            catch (IOException e)
            {
                // Kestrel's "Failed to bind to address …: address already in use."
                return Fail(e.Message);
            }
            catch (SocketException e)
            {
                // Any other bind failure comes unwrapped: not a local address (EADDRNOTAVAIL), a privileged port (EACCES).
                return Fail($"cannot listen on --grpc-listen {options.GrpcListen} / --http-listen {options.HttpListen}: {e.Message}");
            }
            catch (Exception e) when (e is InvalidOperationException or AuthenticationException)
            {
                // The TLS endpoint's setup (a certificate without a usable private key, for one) fails when Kestrel binds.
                return Fail($"cannot serve TLS on --grpc-listen {options.GrpcListen}: {e.Message}");
            }
            try
            {
                // Stops the host too (once: the final checkpoint is CatalogLifecycle.StopAsync's).
                await app.WaitForShutdownAsync().ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return Fail("the shutdown did not complete in time");
            }
            return app.Services.GetRequiredService<FatalError>().Message is { } fatal ? Fail(fatal) : ExitCodes.Success;
        }
        catch (CommandLineException e)
        {
            await Console.Error.WriteLineAsync($"apisentinel-collector: {e.Message} (see --help)").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (StartupException e)
        {
            return Fail(e.Message);
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine("apisentinel-collector: " + message.ReplaceLineEndings(" "));
        return ExitCodes.Failure;
    }
}
