using System.Globalization;

namespace ApiSentinel.FakeApiServer.Hosting;

/// <summary>The stand-alone mode's arguments: <c>--port N --crds DIR --kubeconfig FILE</c>, all optional.</summary>
internal sealed record CommandLine(int Port, string? CrdsDirectory, string? KubeconfigPath)
{
    public const string Usage = "usage: ApiSentinel.FakeApiServer [--port N] [--crds DIR] [--kubeconfig FILE]";

    /// <summary>The parsed arguments, or null with the reason when they make no sense.</summary>
    public static CommandLine? Parse(IReadOnlyList<string> args, out string? error)
    {
        var (port, crds, kubeconfig) = (0, (string?)null, (string?)null);
        error = null;
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535:
                    port = p;
                    i++;
                    break;
                case "--crds" when value is not null:
                    crds = value;
                    i++;
                    break;
                case "--kubeconfig" when value is not null:
                    kubeconfig = value;
                    i++;
                    break;
                default:
                    error = $"unexpected argument '{args[i]}'{(value is null ? "" : $" (or a bad value '{value}')")}";
                    return null;
            }
        }
        return new CommandLine(port, crds, kubeconfig);
    }
}
