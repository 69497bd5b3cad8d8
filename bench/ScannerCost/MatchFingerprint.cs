using System.Globalization;
using ApiSentinel.Sensor.Extraction.Sensitive;

/// <summary>
/// Order-sensitive FNV-1a over every match (type, start, length, confidence): stable across processes, unlike
/// HashCode, so the fingerprints printed before and after a change can be compared by eye.
/// </summary>
internal sealed class MatchFingerprint
{
    private ulong _hash = 14695981039346656037UL;
    private int _count;

    public void Add(List<SensitiveMatch> matches)
    {
        foreach (var m in matches)
        {
            foreach (var c in m.Type)
            {
                Mix(c);
            }

            Mix((ulong)m.Start);
            Mix((ulong)m.Length);
            Mix((ulong)m.Confidence);
            _count++;
        }

        Mix(0xFFFF); // value boundary: the same matches spread differently over values fingerprint differently
    }

    public override string ToString() => $"{_count} matches #{_hash.ToString("x16", CultureInfo.InvariantCulture)}";

    private void Mix(ulong value)
    {
        _hash ^= value;
        _hash *= 1099511628211UL;
    }
}
