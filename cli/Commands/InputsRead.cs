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

    /// <summary>The first HAR file that was cut off or damaged, with what was read before the damage; null when none was.</summary>
    public (string Path, string Damage, long EntriesBefore)? DamagedHar { get; private set; }

    public void AddHar(long entries, long skipped, long bytes, string path, string? damage)
    {
        if (damage is not null && DamagedHar is null)
        {
            DamagedHar = (path, damage, entries);
        }
        HarFiles++;
        HarEntries += entries;
        HarEntriesSkipped += skipped;
        HarBytes += bytes;
    }
}
