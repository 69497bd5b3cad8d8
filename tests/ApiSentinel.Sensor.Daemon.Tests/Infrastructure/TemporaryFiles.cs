namespace ApiSentinel.Sensor.Daemon.Tests.Infrastructure;

/// <summary>A directory for a test's files (token, config), deleted afterwards.</summary>
internal sealed class TemporaryFiles : IDisposable
{
    public TemporaryFiles()
    {
        Directory.CreateDirectory(Root);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "apisentinel-daemon-tests-" + Guid.NewGuid().ToString("N"));

    public string Write(string name, string content)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>A token file with the fake collector's default token.</summary>
    public string TokenFile(string token = FakeCollector.DefaultToken) => Write("token", token + "\n");

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
