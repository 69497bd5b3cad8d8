namespace ApiSentinel.Crds.Tests.Manifests;

/// <summary>The checkout the tests run from, found upwards from the test binaries.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Crds => System.IO.Path.Combine(Path, "crds");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ApiSentinel.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("ApiSentinel.sln not found above the test binaries");
    }
}
