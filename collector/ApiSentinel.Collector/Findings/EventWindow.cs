using System.Runtime.CompilerServices;

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
    public ref readonly T this[int index] => ref _items[Slot(index)];

    public ref readonly T Oldest => ref _items[_head];

    public void Add(in T item)
    {
        if (Count == _items.Length)
        {
            Grow();
        }

        _items[Slot(Count)] = item;
        Count++;
        Uncounted++;
    }

    /// <summary>Empties the window, keeping its storage for reuse.</summary>
    public void Clear()
    {
        // Only the occupied slots, and only when they hold references: an evicted id stream's window is cleared
        // for reuse on nearly every call of a client spread over many endpoints, and its storage may have grown to
        // the cap (32 KB of IdEvents for a 1,000-event window).
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            var tail = Math.Min(Count, _items.Length - _head);
            Array.Clear(_items, _head, tail);
            Array.Clear(_items, 0, Count - tail);
        }

        _head = 0;
        Count = 0;
        Uncounted = 0;
    }

    public T RemoveOldest()
    {
        var item = _items[_head];
        _items[_head] = default;
        _head = _head + 1 == _items.Length ? 0 : _head + 1;
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

    /// <summary>
    /// The array slot of the i-th event (0 ≤ i &lt; capacity): one compare instead of a division, as the ring's
    /// length is not a power of two once it reaches the cap; several of these run per call.
    /// </summary>
    private int Slot(int index)
    {
        var slot = _head + index;
        return slot >= _items.Length ? slot - _items.Length : slot;
    }

    private void Grow()
    {
        var grown = new T[Math.Min(_cap, _items.Length * 2)];
        for (var i = 0; i < Count; i++)
        {
            grown[i] = _items[Slot(i)];
        }

        _items = grown;
        _head = 0;
    }
}
