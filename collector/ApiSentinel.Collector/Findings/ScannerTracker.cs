using System.Runtime.InteropServices;
using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Scanner detection for one client. The window keeps running counts (distinct templates, answered calls,
/// 404/405 answers) that are updated as calls enter and age out, so each call costs O(1) apart from the calls
/// newly counted into an episode.
/// </summary>
internal sealed partial class ScannerTracker(FindingOptions options, FindingCounters counters)
{
    private readonly EventWindow<ScanEvent> _window = new(options.MaxEventsPerWindow);
    private readonly Dictionary<string, int> _templateCounts = new(StringComparer.Ordinal);
    private int _answered;
    private int _notFound;
    private ScannerEpisode? _open;

    public ScannerEpisode? Open => _open;

    public void Observe(ApiCall call, EndpointKey endpoint, ClosedFindings closed, string client, string source)
    {
        var now = call.TimestampMicros;
        while (_window.Count > 0 && _window.Oldest.TimestampMicros <= now - options.ScannerWindowMicros)
        {
            Forget(_window.RemoveOldest());
        }

        if (_window.IsFull)
        {
            Forget(_window.RemoveOldest());
            counters.WindowEventsDropped++;
        }

        var scan = new ScanEvent(now, endpoint, call.Status is not null, call.Status is 404 or 405, call.ClientTool);
        _window.Add(scan);
        CollectionsMarshal.GetValueRefOrAddDefault(_templateCounts, endpoint.PathTemplate, out _)++;
        _answered += scan.Answered ? 1 : 0;
        _notFound += scan.NotFound ? 1 : 0;

        var byErrors = _templateCounts.Count >= options.ScannerMinDistinctPaths &&
                       _answered > 0 && (double)_notFound / _answered >= options.ScannerMinErrorRatio;
        if (!byErrors && call.ClientTool is null)
        {
            return;
        }

        if (_open is not null && !_open.Continues(now))
        {
            Close(closed, client, source);
        }

        _open ??= new ScannerEpisode(now, options);
        for (var i = _window.TakeUncounted(); i < _window.Count; i++)
        {
            _open.Add(in _window[i]);
        }
    }

    public void Close(ClosedFindings closed, string client, string source)
    {
        if (_open is not null)
        {
            closed.Add(_open.ToFinding(client, source));
            _open = null;
        }
    }

    /// <summary>Forgets everything, keeping storage, so a recycled client starts clean.</summary>
    public void Reset()
    {
        _window.Clear();
        _templateCounts.Clear();
        _answered = 0;
        _notFound = 0;
        _open = null;
    }

    private void Forget(in ScanEvent gone)
    {
        // One lookup for the common case (the template is still in the window), as for the increment above.
        ref var left = ref CollectionsMarshal.GetValueRefOrNullRef(_templateCounts, gone.Endpoint.PathTemplate);
        if (--left == 0)
        {
            _templateCounts.Remove(gone.Endpoint.PathTemplate);
        }

        _answered -= gone.Answered ? 1 : 0;
        _notFound -= gone.NotFound ? 1 : 0;
    }
}
