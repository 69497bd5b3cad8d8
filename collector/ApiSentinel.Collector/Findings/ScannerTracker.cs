using System.Runtime.InteropServices;
using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Scanner detection for one client. The window keeps running counts (answered calls, 404/405 answers, and
/// distinct templates while they can matter) that are updated as calls enter and age out, so each call costs O(1)
/// amortised apart from the calls newly counted into an episode.
/// <para>
/// The distinct-template count only decides anything once the 404/405 share reaches
/// <see cref="FindingOptions.ScannerMinErrorRatio"/>, which an ordinary client never does: counting it anyway cost two
/// hash lookups of the template per call (one in, one aging out), in a map per client; the scanner tracker was
/// ~45 % of the findings stage (bench/CatalogThroughput, stage alone, tracker skipped: 2.7 → 1.5 µs at 50 endpoints). So it is kept only from the moment the share reaches the threshold — rebuilt then from the window — until
/// it falls below half of it. The count is exact whenever it is read; the hysteresis bounds the rebuilds: between
/// two of them the share must climb by half the threshold, which takes a number of calls proportional to the
/// window the rebuild walks.
/// </para>
/// </summary>
internal sealed partial class ScannerTracker(FindingOptions options, FindingCounters counters)
{
    private readonly EventWindow<ScanEvent> _window = new(options.MaxEventsPerWindow);
    private readonly Dictionary<string, int> _templateCounts = new(StringComparer.Ordinal);

    /// <summary>Whether <see cref="_templateCounts"/> holds the window's templates (else it is empty and not kept).</summary>
    private bool _countingTemplates;
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
        if (_countingTemplates)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_templateCounts, endpoint.PathTemplate, out _)++;
        }
        _answered += scan.Answered ? 1 : 0;
        _notFound += scan.NotFound ? 1 : 0;

        var byErrors = _answered > 0 && (double)_notFound / _answered >= options.ScannerMinErrorRatio &&
                       DistinctTemplates() >= options.ScannerMinDistinctPaths;
        if (!byErrors && _countingTemplates && (_answered == 0 || (double)_notFound / _answered < options.ScannerMinErrorRatio / 2))
        {
            _templateCounts.Clear();
            _countingTemplates = false;
        }
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
        _countingTemplates = false;
        _answered = 0;
        _notFound = 0;
        _open = null;
    }

    /// <summary>Distinct templates in the window, counting them from here on if they were not kept.</summary>
    private int DistinctTemplates()
    {
        if (!_countingTemplates)
        {
            for (var i = 0; i < _window.Count; i++)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_templateCounts, _window[i].Endpoint.PathTemplate, out _)++;
            }
            _countingTemplates = true;
        }

        return _templateCounts.Count;
    }

    private void Forget(in ScanEvent gone)
    {
        if (_countingTemplates)
        {
            // One lookup for the common case (the template is still in the window), as for the increment above.
            ref var left = ref CollectionsMarshal.GetValueRefOrNullRef(_templateCounts, gone.Endpoint.PathTemplate);
            if (--left == 0)
            {
                _templateCounts.Remove(gone.Endpoint.PathTemplate);
            }
        }

        _answered -= gone.Answered ? 1 : 0;
        _notFound -= gone.NotFound ? 1 : 0;
    }
}
