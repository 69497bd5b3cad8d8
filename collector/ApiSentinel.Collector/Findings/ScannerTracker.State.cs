using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of a scanner tracker: the window and the open episode; the running counts are rebuilt from the window (the distinct templates when next needed).</summary>
internal sealed partial class ScannerTracker
{
    /// <summary>Holds nothing a new tracker would not: written as absent.</summary>
    public bool IsEmpty => _window.Count == 0 && _open is null;

    public void WriteState(StateWriter writer)
    {
        _window.WriteState(writer, EventState.Write);
        Episode.WriteOptional(writer, _open);
    }

    public void ReadState(StateReader reader)
    {
        // The distinct-template count is not read back: the next call that needs it rebuilds it from the window.
        _window.ReadState(reader, EventState.ReadScan, scan =>
        {
            _answered += scan.Answered ? 1 : 0;
            _notFound += scan.NotFound ? 1 : 0;
        });
        _open = Episode.ReadOptional(reader, from => new ScannerEpisode(from, options));
    }
}
