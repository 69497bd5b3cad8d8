using ApiSentinel.Collector.Endpoints;
using ApiSentinel.Contract;

namespace ApiSentinel.Collector.Findings;

/// <summary>
/// Auth-failure bursts for one client: only 401/403 answers enter the window, so its size is the count that
/// is compared with the threshold.
/// </summary>
internal sealed partial class AuthFailureTracker(FindingOptions options, FindingCounters counters)
{
    private readonly EventWindow<AuthFailureEvent> _window = new(options.MaxEventsPerWindow);
    private AuthFailureEpisode? _open;

    public AuthFailureEpisode? Open => _open;

    public void Observe(ApiCall call, EndpointKey endpoint, ClosedFindings closed, string client, string source)
    {
        if (call.Status is not (401 or 403))
        {
            return;
        }

        var now = call.TimestampMicros;
        while (_window.Count > 0 && _window.Oldest.TimestampMicros <= now - options.AuthFailureWindowMicros)
        {
            _window.RemoveOldest();
        }

        if (_window.IsFull)
        {
            _window.RemoveOldest();
            counters.WindowEventsDropped++;
        }

        _window.Add(new AuthFailureEvent(now, endpoint, call.Status.Value));
        if (_window.Count < options.AuthFailureMinCount)
        {
            return;
        }

        if (_open is not null && !_open.Continues(now))
        {
            Close(closed, client, source);
        }

        _open ??= new AuthFailureEpisode(now, options);
        _open.NotePeak(_window.Count);
        for (var i = _window.TakeUncounted(); i < _window.Count; i++)
        {
            _open.Add(in _window[i]);
        }
    }

    /// <summary>Forgets everything, keeping storage, so a recycled client starts clean.</summary>
    public void Reset()
    {
        _window.Clear();
        _open = null;
    }

    public void Close(ClosedFindings closed, string client, string source)
    {
        if (_open is not null)
        {
            closed.Add(_open.ToFinding(client, source));
            _open = null;
        }
    }
}
