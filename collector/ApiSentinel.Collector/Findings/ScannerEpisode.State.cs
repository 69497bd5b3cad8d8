using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of a scanning episode's evidence, in declaration order.</summary>
internal sealed partial class ScannerEpisode
{
    protected override void WriteEvidence(StateWriter writer)
    {
        writer.WriteStrings(_templates);
        writer.WriteStrings(_tools);
        writer.WriteBool(_templatesCapped);
        writer.WriteLong(_calls);
        writer.WriteLong(_answered);
        writer.WriteLong(_notFound);
    }

    protected override void ReadEvidence(StateReader reader)
    {
        reader.ReadStrings(_templates, Options.MaxDistinctPerEpisode);
        reader.ReadStrings(_tools, Options.ScannerSamplePaths);
        _templatesCapped = reader.ReadBool();
        _calls = reader.ReadNonNegative();
        _answered = reader.ReadNonNegative();
        _notFound = reader.ReadNonNegative();
    }
}
