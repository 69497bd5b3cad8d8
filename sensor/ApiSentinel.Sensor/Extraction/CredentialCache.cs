using System.IO.Hashing;
using System.Security.Cryptography;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Remembers, per distinct credential, what the classifier derives from it: its keyed fingerprint and, for a JWT,
/// the header's algorithm. Clients send the same token on every request, and deriving these is the costliest
/// part of extraction — HMAC-SHA256 through the crypto library plus base64 and JSON for the JWT header took
/// ~20 % of the pipeline's CPU on the benchmark traffic (bench/RESULTS.md). The key is a randomly seeded
/// 64-bit XxHash3 of the credential: the credential itself is never held, and the hash is useless outside this
/// process. Bounded: when full, it is cleared and refills from live traffic.
/// </summary>
internal sealed class CredentialCache
{
    public const int Capacity = 16384;

    private readonly byte[] _fingerprintKey;
    private readonly long _seed = BitConverter.ToInt64(RandomNumberGenerator.GetBytes(8));
    private readonly Dictionary<ulong, Entry> _entries = new();

    public CredentialCache(byte[] fingerprintKey)
    {
        _fingerprintKey = fingerprintKey;
    }

    /// <summary>What is known of one credential. <see cref="JwtAlgorithm"/> is null when it is not a JWT.</summary>
    public readonly record struct Entry(string Fingerprint, bool IsJwt, string? JwtAlgorithm);

    public Entry Get(ReadOnlySpan<byte> credential)
    {
        var key = XxHash3.HashToUInt64(credential, _seed);
        if (_entries.TryGetValue(key, out var entry))
        {
            return entry;
        }
        var isJwt = JwtHeader.TryRead(credential, out var algorithm);
        entry = new Entry(Fingerprint(credential), isJwt, algorithm);
        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }
        _entries[key] = entry;
        return entry;
    }

    /// <summary>
    /// A keyed hash of the credential, truncated to 64 bits: enough to count distinct credentials per endpoint,
    /// useless for recovering one (the key never leaves the process unless configured).
    /// </summary>
    private string Fingerprint(ReadOnlySpan<byte> secret)
    {
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_fingerprintKey, secret, mac);
        return Convert.ToHexStringLower(mac[..8]);
    }
}
