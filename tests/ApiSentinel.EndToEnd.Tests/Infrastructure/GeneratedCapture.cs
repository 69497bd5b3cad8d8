namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A large, realistic capture for the fault tests, written by the benchmark's generator (bench/TrafficGen:
/// interleaved HTTP/1.1 API connections, chunked and gzip bodies, deterministic from the seed).
/// </summary>
internal static class GeneratedCapture
{
    /// <summary>Writes a capture of about <paramref name="size"/> (<c>20MB</c>) to <paramref name="path"/>.</summary>
    public static string Write(string path, string size, int seed = 42, int concurrency = 50)
    {
        using var generator = ServiceProcess.StartDotnet("apisentinel-trafficgen", RepositoryPaths.TrafficGenerator,
            ["--out", path, "--size", size, "--seed", seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--concurrency", concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        int exitCode = generator.WaitForExit(TimeSpan.FromMinutes(2));
        return exitCode == 0 ? path : throw new InvalidOperationException($"the traffic generator failed\n{generator.Describe()}");
    }
}
