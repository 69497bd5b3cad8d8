using ApiSentinel.Collector.Endpoints;
using System.Security.Cryptography;
using System.Text;

namespace ApiSentinel.Collector.Catalog;

/// <summary>
/// An endpoint's identity — the name of its <c>ApiEndpoint</c> resource — derived from (host, method, path
/// template) alone, so the same endpoint has the same name in every build, after a restart or a state import, and
/// in every process that computes it. A re-keyed endpoint whose template did not change keeps its name; one whose
/// template changed gets the name of the new template, and the snapshot lists the rename.
/// </summary>
/// <remarks>
/// The form is a DNS-1123 label (at most 63 characters of <c>[a-z0-9-]</c>, alphanumeric at both ends), valid as a
/// resource name and as a label value: <c>get-api-example-com-users-userid-3f2a9c1e</c> — a readable prefix of the
/// identity folded to lower-case letters, digits and single dashes, cut to fit, then the first 16 hex digits of the
/// SHA-256 of the exact identity, so identities that fold to the same text still get different names. 64 bits, not
/// 32: every endpoint of one long in-cluster host shares the whole readable prefix, and with 32 bits 20,000 such
/// endpoints collided with a probability of ~5 % (and a client could search 2³² paths offline for one that takes a
/// real endpoint's name); two endpoints must never write one resource.
/// </remarks>
public static class EndpointIdentity
{
    public const int MaxLength = 63;

    private const int HashLength = 16;

    /// <summary>The readable prefix's room: the name less the dash and the hash.</summary>
    private const int MaxPrefixLength = MaxLength - HashLength - 1;

    public static string Of(EndpointKey key)
    {
        var readable = new StringBuilder(MaxPrefixLength + 1);
        foreach (var ch in $"{key.Method}-{key.Host}-{key.PathTemplate}")
        {
            if (readable.Length > MaxPrefixLength)
            {
                break;
            }
            var lower = char.ToLowerInvariant(ch);
            if (char.IsAsciiLetterOrDigit(lower) && char.IsAscii(ch))
            {
                readable.Append(lower);
            }
            else if (readable.Length > 0 && readable[^1] != '-')
            {
                readable.Append('-');
            }
        }
        var prefix = readable.ToString().Trim('-');
        if (prefix.Length > MaxPrefixLength)
        {
            prefix = prefix[..MaxPrefixLength].TrimEnd('-');
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key.Method}\n{key.Host}\n{key.PathTemplate}")))[..HashLength];
        return prefix.Length == 0 ? $"endpoint-{hash}" : $"{prefix}-{hash}";
    }
}
