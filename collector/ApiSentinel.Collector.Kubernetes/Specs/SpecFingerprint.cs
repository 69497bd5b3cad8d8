using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ApiSentinel.Collector.Kubernetes.Specs;

/// <summary>
/// A hash of what a parse depends on (the document or why it is missing, its source name, the hosts): an unchanged
/// fingerprint means nothing to parse again. Every part is length-prefixed, so no two different inputs hash the same
/// text — a host list <c>["a,b"]</c> is not <c>["a", "b"]</c>, whatever characters a part holds.
/// </summary>
internal static class SpecFingerprint
{
    public static string Of(SpecDocument document, IReadOnlyList<string> hosts)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(hosts);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, document.SourceName);
        Append(hash, hosts.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var host in hosts)
        {
            Append(hash, host);
        }
        if (document.Found)
        {
            Append(hash, "document");
            Append(hash, document.Text!);
        }
        else
        {
            Append(hash, "missing");
            Append(hash, document.FailureReason ?? "");
            Append(hash, document.Failure ?? "");
        }
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static void Append(IncrementalHash hash, string part)
    {
        var bytes = Encoding.UTF8.GetBytes(part);
        hash.AppendData(Encoding.ASCII.GetBytes(bytes.Length.ToString(CultureInfo.InvariantCulture) + ":"));
        hash.AppendData(bytes);
    }
}
