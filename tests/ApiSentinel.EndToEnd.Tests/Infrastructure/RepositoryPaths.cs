using System.Reflection;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Where the executables under test and the repository's sample data are. The executables are built by this
/// project's references into their own output folders, under the same configuration as this test assembly.
/// </summary>
internal static class RepositoryPaths
{
    private const string TargetFramework = "net10.0";

    public static string Root { get; } = FindRoot();

    public static string Sensor => Executable("sensor/ApiSentinel.Sensor.Daemon", "apisentinel-sensor.dll");

    public static string Collector => Executable("collector/ApiSentinel.Collector.Service", "apisentinel-collector.dll");

    public static string Cli => Executable("cli", "apisentinel.dll");

    public static string TrafficGenerator => Executable("bench/TrafficGen", "apisentinel-trafficgen.dll");

    public static string DemoCapture => Path.Combine(Root, "samples", "demo.pcap");

    public static string ZeekCorpus => Path.Combine(Root, "tests", "corpus", "zeek-http");

    private static string Configuration { get; } =
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(attribute => attribute.Key == "BuildConfiguration").Value!;

    private static string Executable(string project, string dll)
    {
        string path = Path.Combine(Root, project, "bin", Configuration, TargetFramework, dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{dll} is not built at {path} (build the test project, which builds it)");
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ApiSentinel.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("ApiSentinel.sln not found above " + AppContext.BaseDirectory);
    }
}
