using ApiSentinel.Ingest.V1Alpha1;

namespace ApiSentinel.Sensor.Daemon.Upload;

/// <summary>
/// Numbered batches sent and not yet acknowledged, oldest first. A batch gets its number when it is first sent and
/// is never dropped after that: the collector refuses sequence gaps, so a numbered batch stays here until an Ack
/// covers it, and is resent after every reconnect. Batches are held encoded (a fifth of their size as objects, see
/// <see cref="CallQueue"/>) and decoded again only for a resend. Used under the uploader's lock.
/// </summary>
internal sealed class InFlightWindow
{
    private readonly LinkedList<HeldBatch> _batches = new();
    private ulong _nextSequence = 1;

    public InFlightWindow(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    public int Capacity { get; }

    public int Count => _batches.Count;

    public bool IsFull => _batches.Count >= Capacity;

    public long Calls { get; private set; }

    /// <summary>The oldest unacknowledged batch's sequence; null when none is held.</summary>
    public ulong? Oldest => _batches.First?.Value.Sequence;

    /// <summary>Highest sequence the collector acknowledged.</summary>
    public ulong Acknowledged { get; private set; }

    /// <summary>
    /// The unacknowledged batches, oldest first, still encoded: a resend decodes and writes them one at a time
    /// (<see cref="HeldBatch.Decode"/>), so a full window (up to 128 × 512 calls) is never all objects at once.
    /// </summary>
    public List<HeldBatch> Unacknowledged() => [.. _batches];

    /// <summary>Numbers <paramref name="calls"/> as the next batch and holds it (as <paramref name="encoded"/>, the
    /// same calls encoded) until acknowledged.</summary>
    /// <returns>The batch to send now.</returns>
    public CallBatch Number(List<Call> calls, IReadOnlyList<byte[]> encoded)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(encoded.Count, calls.Count);
        var batch = new CallBatch { Sequence = _nextSequence++ };
        batch.Calls.AddRange(calls);
        _batches.AddLast(new HeldBatch(batch.Sequence, [.. encoded]));
        Calls += calls.Count;
        return batch;
    }

    /// <summary>Releases every batch up to <paramref name="sequence"/> (an Ack: highest contiguous durable).</summary>
    /// <returns>Calls released.</returns>
    public int Acknowledge(ulong sequence)
    {
        // An ack beyond what was sent (a confused collector) cannot acknowledge batches that do not exist yet.
        sequence = Math.Min(sequence, _nextSequence - 1);
        if (sequence <= Acknowledged)
        {
            return 0;
        }
        Acknowledged = sequence;
        int released = 0;
        while (_batches.First is { } first && first.Value.Sequence <= sequence)
        {
            released += first.Value.Calls.Length;
            _batches.RemoveFirst();
        }
        Calls -= released;
        return released;
    }

    /// <summary>
    /// The collector lost batches it had acknowledged (its state was wiped): they are gone, and what is still held
    /// can only follow them under a new sensor instance, numbered again from 1.
    /// </summary>
    public void RestartSequence()
    {
        var held = _batches.ToList();
        _batches.Clear();
        _nextSequence = 1;
        Acknowledged = 0;
        foreach (var old in held)
        {
            _batches.AddLast(old with { Sequence = _nextSequence++ });
        }
    }
}
