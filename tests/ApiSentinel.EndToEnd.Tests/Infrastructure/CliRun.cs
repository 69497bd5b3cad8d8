namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>The embedded mode — the <c>apisentinel</c> CLI — as the reference the networked mode must equal.</summary>
internal static class CliRun
{
    /// <summary><c>apisentinel analyze --pcap FILE… --format json [more…]</c>; throws with stderr unless it exits 0.</summary>
    public static CatalogDocument Analyze(IEnumerable<string> captures, IEnumerable<string>? moreArguments = null)
    {
        var arguments = new List<string> { "analyze", "--format", "json" };
        arguments.AddRange(moreArguments ?? []);
        foreach (string capture in captures)
        {
            arguments.AddRange(["--pcap", capture]);
        }
        using var cli = ServiceProcess.StartDotnet("apisentinel analyze", RepositoryPaths.Cli, arguments);
        int exitCode = cli.WaitForExit(TimeSpan.FromMinutes(2));
        return exitCode == 0
            ? CatalogDocument.Parse(cli.Stdout)
            : throw new InvalidOperationException($"apisentinel analyze exited {exitCode}\n{cli.Stderr}");
    }
}
