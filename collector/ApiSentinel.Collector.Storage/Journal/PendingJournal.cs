using System.Collections;

namespace ApiSentinel.Collector.Storage.Journal;

/// <summary>
/// The journal entries a recovery replays, counted up front and read as enumerated: start-up after many failed
/// checkpoints holds one batch at a time, not the whole journal.
/// </summary>
internal sealed class PendingJournal(int count, Func<IEnumerable<JournalEntry>> read) : IReadOnlyCollection<JournalEntry>
{
    public int Count => count;

    public IEnumerator<JournalEntry> GetEnumerator() => read().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
