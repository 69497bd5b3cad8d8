using System.Security.Cryptography;
using System.Text;

namespace ApiSentinel.Bench.Accuracy.RealSpecs;

/// <summary>
/// The hold-out split of the public collection. A document belongs to the DEV partition when the first byte of
/// SHA-256(UTF-8 tar entry name, e.g. <c>package/api/1forge.com.json</c>) is divisible by 5 (~20 %), to EVAL
/// otherwise. Templating rules are developed on DEV; reported figures come from EVAL, which no rule was tuned on.
/// The rule depends on the name only, so it is stable across collection versions and seeds.
/// </summary>
internal static class HoldOut
{
    public static Partition Of(string tarEntryName) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(tarEntryName))[0] % 5 == 0 ? Partition.Dev : Partition.Eval;

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
