namespace ApiSentinel.Sensor.Http;

/// <summary>
/// What the parser learned of one message body. The body itself is never stored: <see cref="Length"/> counts
/// every entity byte, and only the first <see cref="Http1Options.BodyInspectionLimit"/> bytes, decoded from
/// their Content-Encoding, are kept for inspection — in a buffer the parser reuses after delivery.
/// </summary>
public sealed class HttpBody
{
    /// <summary>Entity length after de-chunking, counted in full (including bytes lost in gaps).</summary>
    public long Length { get; internal set; }

    /// <summary>Bytes of the body that were never captured (gaps skipped by length).</summary>
    public long MissingBytes { get; internal set; }

    /// <summary>The start of the body, decoded (gzip/deflate/br) when it was encoded, at most the inspection limit.</summary>
    public ReadOnlySpan<byte> Inspected => _inspected.AsSpan(0, _inspectedLength);

    /// <summary>True when the body (or its decoded form) was longer than what was kept for inspection.</summary>
    public bool InspectionTruncated { get; internal set; }

    /// <summary>Content-Encoding as declared (lower-cased), or null.</summary>
    public string? ContentEncoding { get; internal set; }

    /// <summary>False when the encoded body could not be decoded (unknown coding or corrupt stream).</summary>
    public bool DecodedOk { get; internal set; } = true;

    /// <summary>The body ended where its framing said (length reached, last chunk, or close for close-delimited).</summary>
    public bool Complete { get; internal set; }

    /// <summary>
    /// The shared inspection pool (<see cref="Http1Options.InspectionBudgetBytes"/>) could not hold this body's
    /// window: it was inspected with less, or not at all (<see cref="InspectionTruncated"/> is set too).
    /// </summary>
    public bool InspectionBudgetExhausted { get; internal set; }

    /// <summary>Bytes of the inspection window held (the pooled array's length).</summary>
    internal int RetainedBytes => _inspected.Length;

    private byte[] _inspected = [];
    private int _inspectedLength;
    /// <summary>The budget <see cref="_inspected"/> is charged to; null when it was grown outside any budget.</summary>
    private InspectionBudget? _budget;

    /// <summary>
    /// Forgets the message and gives its window back (wiped first: no byte of one message may outlive its
    /// delivery), so memory follows the messages in flight rather than every message ever seen.
    /// </summary>
    internal void Reset()
    {
        Length = 0;
        MissingBytes = 0;
        InspectionTruncated = false;
        InspectionBudgetExhausted = false;
        ContentEncoding = null;
        DecodedOk = true;
        Complete = false;
        if (_budget is not null)
        {
            _budget.Release(ref _inspected, _inspectedLength);
            _budget = null;
        }
        else
        {
            InspectionBudget.ReturnWiped(ref _inspected, _inspectedLength);
        }
        _inspectedLength = 0;
    }

    /// <summary>Resets and wipes every byte kept, so the storage can serve another connection.</summary>
    internal void Scrub() => Reset();

    /// <summary>Stores decoded body bytes for inspection, up to <paramref name="limit"/> in total, outside any budget.</summary>
    internal void AppendInspected(ReadOnlySpan<byte> decoded, int limit) => AppendInspected(decoded, limit, budget: null);

    /// <summary>
    /// Stores decoded body bytes for inspection, up to <paramref name="limit"/> in total, in memory from
    /// <paramref name="budget"/>; what the budget cannot hold is not kept (counted once per message).
    /// </summary>
    internal void AppendInspected(ReadOnlySpan<byte> decoded, int limit, InspectionBudget? budget)
    {
        var room = limit - _inspectedLength;
        if (decoded.Length > room)
        {
            InspectionTruncated = true;
            decoded = decoded[..Math.Max(room, 0)];
        }
        if (decoded.IsEmpty)
        {
            return;
        }
        var needed = _inspectedLength + decoded.Length;
        if (needed > _inspected.Length)
        {
            var owner = _budget ?? budget;
            if (owner is null)
            {
                InspectionBudget.GrowUnaccounted(ref _inspected, _inspectedLength, needed, limit);
            }
            else if (owner.TryGrow(ref _inspected, _inspectedLength, needed, limit))
            {
                _budget = owner;
            }
            else
            {
                decoded = decoded[..(_inspected.Length - _inspectedLength)];
                needed = _inspected.Length;
                InspectionTruncated = true;
                if (!InspectionBudgetExhausted)
                {
                    InspectionBudgetExhausted = true;
                    owner.CountExhausted();
                }
            }
        }
        decoded.CopyTo(_inspected.AsSpan(_inspectedLength));
        _inspectedLength = needed;
    }
}
