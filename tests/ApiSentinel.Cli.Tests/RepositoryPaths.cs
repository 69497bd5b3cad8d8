namespace ApiSentinel.Cli.Tests;

/// <summary>Finds the repository's files and the shared corpus from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The Zeek reference traces, kept in the repository (<c>tests/corpus/zeek-http</c>) and copied to the output.</summary>
    public static string ZeekCorpus => Path.Combine(AppContext.BaseDirectory, "corpus", "zeek-http");

    public static string Cli => Path.Combine(AppContext.BaseDirectory, "apisentinel.dll");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ApiSentinel.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("ApiSentinel.sln not found above " + AppContext.BaseDirectory);
    }
}
