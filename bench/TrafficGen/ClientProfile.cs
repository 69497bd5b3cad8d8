namespace ApiSentinel.Bench.TrafficGen;

/// <summary>What one client keeps for the life of a connection: its user agent, its token (or none), gzip support.</summary>
internal readonly record struct ClientProfile(int UserAgent, int Token, bool AcceptsGzip)
{
    public const int NoToken = -1;
}
