namespace ApiSentinel.Collector.Findings;

/// <summary>
/// The calls of one client inside one sliding window, oldest first: a ring buffer that grows on demand up to a
/// hard cap, so a quiet client costs a few slots and a flood costs at most the cap. It also remembers how many of
/// the newest events have not yet been counted into an episode, which is always a suffix because events only
/// arrive at the new end.
/// </summary>
internal sealed partial class EventWindow<T>
    where T : struct
{
    private const int InitialCapacity = 8;

    private readonly int _cap;
    private T[] _items = new T[InitialCapacity];
    private int _head;

    public EventWindow(int cap) => _cap = cap;

    public int Count { get; private set; }

    /// <summary>Events at the new end not yet counted into an episode.</summary>
    public int Uncounted { get; private set; }

    public bool IsFull => Count == _cap;

    /// <summary>The i-th event, 0 being the oldest.</summary>
    public ref readonly T this[int index] => ref _items[(_head + index) % _items.Length];

    public ref readonly T Oldest => ref _items[_head];

    public void Add(in T item)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[(_head + Count) % _items.Length] = item;
        Count++;
        Uncounted++;
    }

    /// <summary>Empties the window, keeping its storage for reuse.</summary>
    public void Clear()
    {
        Array.Clear(_items);
        _head = 0;
        Count = 0;
        Uncounted = 0;
    }

    public T RemoveOldest()
    {
        var item = _items[_head];
        _items[_head] = default;
        _head = (_head + 1) % _items.Length;
        Count--;
        Uncounted = Math.Min(Uncounted, Count);
        return item;
    }

    /// <summary>Index of the first uncounted event; marks everything counted.</summary>
    public int TakeUncounted()
    {
        var first = Count - Uncounted;
        Uncounted = 0;
        return first;
    }

    private void Grow()
    {
        var grown = new T[Math.Min(_cap, _items.Length * 2)];
        for (var i = 0; i < Count; i++)
        {
            grown[i] = _items[(_head + i) % _items.Length];
        }

        _items = grown;
        _head = 0;
    }
}
