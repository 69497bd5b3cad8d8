using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of the closed findings, in the order they closed (the cap keeps the first ones).</summary>
internal sealed partial class ClosedFindings
{
    public void WriteState(StateWriter writer)
    {
        writer.WriteCount(_findings.Count);
        foreach (var finding in _findings)
        {
            FindingState.Write(writer, finding);
        }
    }

    public void ReadState(StateReader reader)
    {
        var count = reader.ReadCount(cap);
        for (var i = 0; i < count; i++)
        {
            _findings.Add(FindingState.Read(reader));
        }
    }
}
