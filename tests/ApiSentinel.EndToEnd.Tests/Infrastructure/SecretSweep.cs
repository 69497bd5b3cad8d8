using System.Text;

namespace ApiSentinel.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Searches output channels — files, captured bytes, logs, HTTP responses — for planted raw values, byte for
/// byte. Every value is searched as UTF-8 and as UTF-16 (both SQLite text encodings), and its digits-only
/// form too where it has separators (a card or SSN normalised before storage would otherwise slip through).
/// </summary>
internal sealed class SecretSweep
{
    private readonly IReadOnlyList<(string Name, string Value)> _secrets;
    private readonly List<string> _findings = [];
    private readonly List<string> _searched = [];

    public SecretSweep(IReadOnlyList<(string Name, string Value)> secrets) => _secrets = secrets;

    /// <summary>Every "secret X found in channel Y" so far.</summary>
    public IReadOnlyList<string> Findings => _findings;

    /// <summary>What was searched, with sizes: shows the sweep was not vacuous.</summary>
    public IReadOnlyList<string> Searched => _searched;

    public void Search(string channel, string text) => Search(channel, Encoding.UTF8.GetBytes(text));

    public void Search(string channel, byte[] bytes)
    {
        _searched.Add($"{channel} ({bytes.Length} bytes)");
        foreach (var (name, value) in _secrets)
        {
            foreach (byte[] form in Forms(value))
            {
                if (bytes.AsSpan().IndexOf(form) >= 0)
                {
                    _findings.Add($"{name} found in {channel}");
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Every file under <paramref name="directory"/>, read even while another process holds it open; returns the
    /// bytes searched, so a test can insist the directory was not empty. A file that cannot be read fails the sweep
    /// (an unsearched file is not a clean one).
    /// </summary>
    public long SearchDirectory(string channel, string directory)
    {
        long total = 0;
        foreach (string file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes = ReadShared(file);
            total += bytes.Length;
            Search($"{channel}: {Path.GetRelativePath(directory, file)}", bytes);
        }
        return total;
    }

    /// <summary>Which of the secrets <paramref name="bytes"/> contains (for the positive control).</summary>
    public IReadOnlyList<string> Contained(byte[] bytes) =>
        _secrets.Where(secret => Forms(secret.Value).Any(form => bytes.AsSpan().IndexOf(form) >= 0)).Select(secret => secret.Name).ToList();

    public static byte[] ReadShared(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static IEnumerable<byte[]> Forms(string value)
    {
        yield return Encoding.UTF8.GetBytes(value);
        yield return Encoding.Unicode.GetBytes(value);
        string digits = new(value.Where(char.IsAsciiDigit).ToArray());
        if (digits.Length >= 9 && digits.Length == value.Count(c => c != '-' && c != ' ') && digits != value)
        {
            yield return Encoding.UTF8.GetBytes(digits);
        }
    }
}
