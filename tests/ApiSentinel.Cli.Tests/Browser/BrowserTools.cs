namespace ApiSentinel.Cli.Tests.Browser;

/// <summary>
/// Where the browser test's tools are. <c>scripts/setup.sh</c> installs all of them (Debian's chromium and
/// kubectl, the pinned npm driver in <c>.tools/browser</c>); a missing one fails the test with that advice,
/// it is never skipped silently.
/// </summary>
internal static class BrowserTools
{
    public const string Chromium = "/usr/bin/chromium";
    public const string Kubectl = "/usr/bin/kubectl";
    public const string Node = "node";
    public const string Tcpdump = "tcpdump";

    /// <summary>The driver's sources in the repository: the recorder, the page and the planted database.</summary>
    public static string DriverSource { get; } = Path.Combine(RepositoryPaths.Root, "tests", "browser");

    /// <summary>The driver's npm packages (puppeteer-core, json-server), installed by setup.sh from its lock file.</summary>
    public static string NodeModules { get; } = Path.Combine(RepositoryPaths.Root, ".tools", "browser", "node_modules");

    public static string JsonServer { get; } = Path.Combine(NodeModules, "json-server", "lib", "cli", "bin.js");

    public static string Recorder { get; } = Path.Combine(DriverSource, "record.js");

    /// <summary>The first thing the recording needs that is missing, as one line, or null (kubectl is the manifest test's).</summary>
    public static string? Missing()
    {
        foreach (var file in new[] { Chromium, JsonServer, Path.Combine(NodeModules, "puppeteer-core", "package.json"), Recorder })
        {
            if (!File.Exists(file))
            {
                return $"{file} is missing: run scripts/setup.sh";
            }
        }
        return null;
    }
}
