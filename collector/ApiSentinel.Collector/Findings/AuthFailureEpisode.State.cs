using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of an auth-failure episode's evidence, in declaration order.</summary>
internal sealed partial class AuthFailureEpisode
{
    protected override void WriteEvidence(StateWriter writer)
    {
        writer.WriteLong(_unauthorized);
        writer.WriteLong(_forbidden);
        writer.WriteInt(_peak);
    }

    protected override void ReadEvidence(StateReader reader)
    {
        _unauthorized = reader.ReadNonNegative();
        _forbidden = reader.ReadNonNegative();
        _peak = reader.ReadInt();
    }
}
