using ApiSentinel.Ingest.Interning;

namespace ApiSentinel.Bench.IngestThroughput.Floor;

/// <summary>What the null collector's streams share: the token, one interner, the count of calls decoded.</summary>
internal sealed class NullCollectorSettings(string token)
{
    private long _calls;

    public string Token { get; } = token;

    public WireInterner Names { get; } = new();

    public long Calls => Interlocked.Read(ref _calls);

    public void Count(long calls) => Interlocked.Add(ref _calls, calls);
}
