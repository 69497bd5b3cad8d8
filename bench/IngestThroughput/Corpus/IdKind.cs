namespace ApiSentinel.Bench.IngestThroughput.Corpus;

/// <summary>The kind of identifier a widened endpoint carries in its path.</summary>
internal enum IdKind
{
    Integer,
    Uuid,
    Hex,
}
