namespace ApiSentinel.Ingest.Tests;

/// <summary>The repository's root, found from the test binaries upwards (the folder holding samples/demo.pcap).</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "samples", "demo.pcap")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("samples/demo.pcap not found above " + AppContext.BaseDirectory);
    }
}
