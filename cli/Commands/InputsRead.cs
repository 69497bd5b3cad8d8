namespace ApiSentinel.Cli.Commands;

/// <summary>What a run read besides the capture statistics the pipeline keeps: the HAR side, for the summary.</summary>
internal sealed class InputsRead
{
    public int CaptureFiles { get; init; }

    /// <summary>The device of a live capture, or null.</summary>
    public string? Interface { get; init; }

    public int HarFiles { get; private set; }

    public long HarEntries { get; private set; }

    /// <summary>Entries that were not HTTP-shaped (no URL or method) or could not be read; counted, not fatal.</summary>
    public long HarEntriesSkipped { get; private set; }

    public long HarBytes { get; private set; }

    public void AddHar(long entries, long skipped, long bytes)
    {
        HarFiles++;
        HarEntries += entries;
        HarEntriesSkipped += skipped;
        HarBytes += bytes;
    }
}
