namespace ApiSentinel.FakeApiServer.Tests.Kubectl;

/// <summary>Finds the repository's <c>crds/</c> from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Crds { get; } = Path.Combine(FindRoot(), "crds");

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
