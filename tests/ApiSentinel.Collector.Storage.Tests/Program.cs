using ApiSentinel.Collector.Storage.Tests.Durability;

namespace ApiSentinel.Collector.Storage.Tests;

/// <summary>
/// The test assembly's entry point. The test runner never calls it; the kill -9 test runs the assembly with
/// <see cref="AppendingChild.Verb"/> to get a collector-shaped process it can kill.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args) =>
        args is [AppendingChild.Verb, var directory] ? await AppendingChild.RunAsync(directory) : 0;
}
