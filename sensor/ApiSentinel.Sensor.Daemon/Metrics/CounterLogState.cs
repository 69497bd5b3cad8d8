using System.Collections;

namespace ApiSentinel.Sensor.Daemon.Metrics;

/// <summary>
/// The counter log line's state: the JSON console formatter writes a list of key/value pairs as the entry's "State"
/// object, one property per counter (numbers as numbers), and <see cref="ToString"/> as its message.
/// </summary>
internal sealed class CounterLogState : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string Message = "counters";

    private readonly List<KeyValuePair<string, object?>> _items;

    public CounterLogState(IEnumerable<CounterReading> readings)
    {
        _items = readings.Select(r => new KeyValuePair<string, object?>(r.Key, r.Value)).ToList();
        _items.Add(new("{OriginalFormat}", Message));
    }

    public int Count => _items.Count;

    public KeyValuePair<string, object?> this[int index] => _items[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Message;
}
