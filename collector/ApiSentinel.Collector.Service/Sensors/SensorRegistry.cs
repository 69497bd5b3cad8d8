using ApiSentinel.Collector.Catalog;
using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Collector.Service.Sensors;

/// <summary>
/// The sensors connected now and recently: a session per sensor instance (<see cref="StreamKey"/>), kept after its
/// stream closes for <see cref="RememberFor"/> so the API can say when a sensor was last seen. Bounded: at most
/// <see cref="MaxRemembered"/> closed sessions, the least recently seen forgotten first and counted in
/// <see cref="Forgotten"/> (a sensor crash-looping with a new instance id every start must not grow memory).
/// </summary>
public sealed class SensorRegistry(TimeProvider time)
{
    public const int MaxRemembered = 1024;
    public static readonly TimeSpan RememberFor = TimeSpan.FromHours(24);

    private readonly Dictionary<StreamKey, SensorSession> _sessions = [];
    private readonly Lock _gate = new();
    private long _forgotten;

    /// <summary>Closed sessions dropped by the bound or by age.</summary>
    public long Forgotten => Interlocked.Read(ref _forgotten);

    /// <summary>A stream of the instance opened: its session (the one it had, if it reconnects).</summary>
    public SensorSession Open(Hello hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        var key = new StreamKey(hello.SensorId, hello.InstanceId);
        lock (_gate)
        {
            if (_sessions.TryGetValue(key, out var session))
            {
                session.Reconnected(hello);
                session.Seen();
            }
            else
            {
                session = new SensorSession(key, hello, time);
                _sessions[key] = session;
                Prune();
            }
            session.OpenStreams++;
            return session;
        }
    }

    public void Close(SensorSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_gate)
        {
            session.OpenStreams--;
            session.Seen();
        }
    }

    /// <summary>Sessions connected now, then the recently seen ones, most recently seen first.</summary>
    public IReadOnlyList<SensorSession> Sessions()
    {
        lock (_gate)
        {
            Prune();
            return [.. _sessions.Values.OrderByDescending(s => s.OpenStreams > 0).ThenByDescending(s => s.LastSeen)
                .ThenBy(s => s.Key.SensorId, StringComparer.Ordinal).ThenBy(s => s.Key.InstanceId, StringComparer.Ordinal)];
        }
    }

    private void Prune()
    {
        var now = time.GetUtcNow();
        var closed = _sessions.Values.Where(s => s.OpenStreams == 0).OrderBy(s => s.LastSeen).ToList();
        var excess = closed.Count - MaxRemembered;
        foreach (var session in closed)
        {
            if (excess <= 0 && now - session.LastSeen <= RememberFor)
            {
                break;
            }
            _sessions.Remove(session.Key);
            _forgotten++;
            excess--;
        }
    }
}
