using ApiSentinel.Collector.Catalog.State;

namespace ApiSentinel.Collector.Findings;

/// <summary>State export of an auth-failure tracker: the window and the open episode.</summary>
internal sealed partial class AuthFailureTracker
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
        _window.ReadState(reader, EventState.ReadAuthFailure);
        _open = Episode.ReadOptional(reader, from => new AuthFailureEpisode(from, options));
    }
}
