using System.Diagnostics;

namespace ApiSentinel.Collector.Storage.Tests.Infrastructure;

/// <summary>
/// A tmpfs of a few hundred KiB mounted on a fresh directory (root only), to make a real commit fail with "disk full".
/// Unmounted and removed at dispose, even when the test failed.
/// </summary>
internal sealed class SmallFileSystem : IDisposable
{
    private SmallFileSystem(string path) => Path = path;

    public string Path { get; }

    /// <summary>Why it cannot be mounted here (not root, no mount), or null.</summary>
    public static string? UnavailableReason =>
        Environment.UserName != "root" && !string.Equals(Environment.GetEnvironmentVariable("USER"), "root", StringComparison.Ordinal)
            ? "needs root to mount a tmpfs"
            : File.Exists("/usr/bin/mount") || File.Exists("/bin/mount") ? null : "no mount command";

    public static SmallFileSystem Mount(int kibibytes)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "apisentinel-smallfs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={kibibytes}k", "tmpfs", path);
        return new SmallFileSystem(path);
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static void Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        if (!process.WaitForExit(30_000) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {error}");
        }
    }
}

/// <summary>A fact that needs <see cref="SmallFileSystem"/>: skipped, with the reason, where it cannot be mounted.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SmallFileSystemFactAttribute : FactAttribute
{
    public SmallFileSystemFactAttribute()
    {
        if (SmallFileSystem.UnavailableReason is string reason)
        {
            Skip = reason;
        }
    }
}
