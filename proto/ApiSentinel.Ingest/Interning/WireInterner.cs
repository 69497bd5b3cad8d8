using System.Collections.Concurrent;

namespace ApiSentinel.Ingest.Interning;

/// <summary>
/// Maps repeated strings decoded from the wire (hosts, methods, header and field names, media types, …) to one
/// shared instance. The protobuf decoder gives every call fresh copies of its strings; the catalog keeps names
/// per endpoint and compares them on every call, and <see cref="string.Equals(string, string)"/> answers at once
/// for the same reference but compares in full otherwise — with fresh strings the catalog's endpoint aggregates
/// cost twice as much (bench/RESULTS.md §3, <c>--fresh-strings</c>), and retained copies cost memory per endpoint.
/// </summary>
/// <remarks>
/// <para><b>Bounded.</b> At most <see cref="Capacity"/> strings are held, in two generations of half the capacity
/// each: a string found in the older generation is promoted into the current one, and when the current one is full
/// the older one is dropped whole and the current one becomes the older. Names in use therefore survive, names no
/// longer seen age out, and a flood of distinct strings (a hostile or badly behaved sensor) costs at most the bound
/// — it only makes interning useless for a while, never wrong. Strings longer than <see cref="MaxLength"/> are
/// returned as they are: long values are rarely repeated names, and each would pin its own memory.</para>
/// <para><b>Thread-safe.</b> One instance may serve every stream: a hit is a lock-free read of the current
/// generation; a miss (new string, promotion, rotation) takes a lock, which is rare once the names of a deployment
/// have been seen.</para>
/// </remarks>
public sealed class WireInterner
{
    /// <summary>Default <see cref="Capacity"/>: the distinct names of a large deployment (hosts, header names,
    /// JSON field paths of thousands of endpoints) fit, at a few MB at most.</summary>
    public const int DefaultCapacity = 32_768;

    /// <summary>Default <see cref="MaxLength"/>, in UTF-16 characters.</summary>
    public const int DefaultMaxLength = 256;

    private readonly int _generationCapacity;
    private readonly Lock _missLock = new();
    private volatile ConcurrentDictionary<string, string> _current;
    private volatile ConcurrentDictionary<string, string> _previous;
    private long _added;
    private long _promoted;
    private long _tooLong;
    private long _rotations;

    /// <param name="capacity">Most strings held at once (≥ 2; split into two generations).</param>
    /// <param name="maxLength">Longest string interned; longer ones are returned unchanged.</param>
    public WireInterner(int capacity = DefaultCapacity, int maxLength = DefaultMaxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(maxLength);
        Capacity = capacity;
        MaxLength = maxLength;
        _generationCapacity = capacity / 2;
        _current = NewGeneration();
        _previous = NewGeneration();
    }

    /// <summary>Most strings held at once.</summary>
    public int Capacity { get; }

    /// <summary>Longest string (UTF-16 characters) that is interned.</summary>
    public int MaxLength { get; }

    /// <summary>Strings held now (≤ <see cref="Capacity"/>).</summary>
    public int Count
    {
        get
        {
            lock (_missLock)
            {
                return _current.Count + _previous.Count;
            }
        }
    }

    /// <summary>Strings seen for the first time (or again after they aged out) and added.</summary>
    public long Added => Interlocked.Read(ref _added);

    /// <summary>Strings found in the older generation and moved into the current one.</summary>
    public long Promoted => Interlocked.Read(ref _promoted);

    /// <summary>Strings longer than <see cref="MaxLength"/>, returned without interning.</summary>
    public long TooLong => Interlocked.Read(ref _tooLong);

    /// <summary>Times the older generation was dropped to make room (each drops up to half the capacity).</summary>
    public long Rotations => Interlocked.Read(ref _rotations);

    /// <summary>The shared instance equal to <paramref name="value"/> (ordinal), or <paramref name="value"/> itself
    /// when it is new, too long or empty.</summary>
    public string Intern(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length == 0)
        {
            return string.Empty;
        }
        if (value.Length > MaxLength)
        {
            Interlocked.Increment(ref _tooLong);
            return value;
        }
        return _current.TryGetValue(value, out var shared) ? shared : InternMiss(value);
    }

    /// <summary><see cref="Intern"/> for an optional value: null stays null.</summary>
    public string? InternOptional(string? value) => value is null ? null : Intern(value);

    private string InternMiss(string value)
    {
        lock (_missLock)
        {
            // Another stream may have added or promoted it since the lock-free read.
            if (_current.TryGetValue(value, out var shared))
            {
                return shared;
            }
            var promoted = _previous.TryRemove(value, out shared);
            shared ??= value;
            if (_current.Count >= _generationCapacity)
            {
                // The older generation goes whole (what was still in use has been promoted out of it meanwhile);
                // readers holding the old reference finish their lookup against it harmlessly.
                _previous = _current;
                _current = NewGeneration();
                Interlocked.Increment(ref _rotations);
            }
            _current.TryAdd(shared, shared);
            if (promoted)
            {
                Interlocked.Increment(ref _promoted);
            }
            else
            {
                Interlocked.Increment(ref _added);
            }
            return shared;
        }
    }

    private ConcurrentDictionary<string, string> NewGeneration() =>
        new(concurrencyLevel: 1, capacity: Math.Min(_generationCapacity, 1024), StringComparer.Ordinal);
}
