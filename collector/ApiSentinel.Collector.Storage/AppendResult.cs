namespace ApiSentinel.Collector.Storage;

/// <summary>What <see cref="CollectorStore.AppendAsync"/> did with a batch.</summary>
public enum AppendResult
{
    /// <summary>Stored: durable (committed and synced) when the append's task completed.</summary>
    Appended,

    /// <summary>At or before the stream's last durable sequence: already stored, nothing written (ack again, do not ingest).</summary>
    Duplicate,

    /// <summary>Past the stream's last sequence + 1: a gap, nothing written (the caller aborts the stream).</summary>
    OutOfOrder,
}
