using System.Security.Cryptography;
using System.Text;

namespace ApiSentinel.Bench.Accuracy.RealSpecs;

/// <summary>
/// The hold-out split of the public collection, by provider. A document belongs to the DEV partition when the first
/// byte of SHA-256(UTF-8 provider) is divisible by 5, to EVAL otherwise. The provider is the first path component
/// after <c>package/api/</c> (<c>azure.com</c> for <c>package/api/azure.com/network.json</c>; a provider with a
/// single document is a file there, <c>package/api/1forge.com.json</c> → <c>1forge.com</c>).
/// Splitting by document name put sibling documents of one provider (hundreds of azure.com and googleapis.com
/// services written by one generator in one style) on both sides, so a rule developed on DEV was in effect tuned
/// on EVAL's family too. Templating rules are developed on DEV; reported figures come from EVAL, on providers no
/// rule was tuned on. The rule depends on the name only, so it is stable across collection versions and seeds.
/// </summary>
internal static class HoldOut
{
    public static Partition Of(string tarEntryName) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(ProviderOf(tarEntryName)))[0] % 5 == 0 ? Partition.Dev : Partition.Eval;

    /// <summary>The provider of a tar entry name: its first component after <c>package/api/</c>, without a
    /// document extension when the document sits there directly.</summary>
    public static string ProviderOf(string tarEntryName)
    {
        var rest = tarEntryName.StartsWith(SpecCollection.DocumentPrefix, StringComparison.Ordinal)
            ? tarEntryName[SpecCollection.DocumentPrefix.Length..]
            : tarEntryName;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            return rest[..slash];
        }
        foreach (var extension in (ReadOnlySpan<string>)[".json", ".yaml", ".yml"])
        {
            if (rest.EndsWith(extension, StringComparison.Ordinal))
            {
                return rest[..^extension.Length];
            }
        }
        return rest;
    }

    public static Partition Parse(string text) => text.ToLowerInvariant() switch
    {
        "dev" => Partition.Dev,
        "eval" => Partition.Eval,
        _ => throw new ArgumentException($"--partition must be dev or eval, not '{text}'"),
    };
}

internal enum Partition
{
    Dev,
    Eval,
}
