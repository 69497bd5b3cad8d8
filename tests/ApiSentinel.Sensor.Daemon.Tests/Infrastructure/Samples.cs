namespace ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

/// <summary>Files of the repository the tests read (samples/demo.pcap).</summary>
internal static class Samples
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string DemoPcap => Path.Combine(RepositoryRoot, "samples", "demo.pcap");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ApiSentinel.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("repository root (ApiSentinel.sln) not found above " + AppContext.BaseDirectory);
    }
}
