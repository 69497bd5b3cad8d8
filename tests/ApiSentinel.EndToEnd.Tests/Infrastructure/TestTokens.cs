namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>The sensor↔collector bearer tokens of the suite, written to files as a mounted Secret would be.</summary>
internal static class TestTokens
{
    /// <summary>What the collector accepts.</summary>
    public const string Valid = "e2e-ingest-token-4b1d7c0e9a";

    /// <summary>A token the collector does not know.</summary>
    public const string Wrong = "e2e-wrong-token-00000000000";

    public static string WriteFile(TemporaryDirectory directory, string name, string token)
    {
        string path = directory.File(name);
        File.WriteAllText(path, token + "\n");
        return path;
    }
}
