using System.Text;

namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Turns short wire tokens (header names, media types, methods) into strings — lower-cased for case-insensitive
/// tokens — handing out one shared instance per distinct token. Every exchange repeats the same few dozen names, so after warm-up this costs
/// a hash lookup and no allocation. Bounded: past <see cref="Capacity"/> distinct tokens (hostile traffic
/// inventing names) new ones are allocated but not remembered.
/// </summary>
internal sealed class TokenPool
{
    public const int Capacity = 4096;
    private const int MaxTokenLength = 256;

    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private readonly bool _lowerCase;

    public TokenPool(bool lowerCase)
    {
        _lowerCase = lowerCase;
        _lookup = _pool.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string Get(ReadOnlySpan<byte> token)
    {
        token = token[..Math.Min(token.Length, MaxTokenLength)];
        Span<char> chars = stackalloc char[token.Length];
        var n = Encoding.Latin1.GetChars(token, chars);
        var lower = chars[..n];
        for (var i = 0; _lowerCase && i < lower.Length; i++)
        {
            lower[i] = char.IsAsciiLetterUpper(lower[i]) ? (char)(lower[i] | 0x20) : lower[i];
        }
        if (_lookup.TryGetValue(lower, out var name))
        {
            return name;
        }
        name = new string(lower);
        if (_pool.Count < Capacity)
        {
            _pool[name] = name;
        }
        return name;
    }
}
