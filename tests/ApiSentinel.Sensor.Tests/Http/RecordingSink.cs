using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Http;

/// <summary>
/// Records every transaction by copying it during <see cref="OnTransactionCompleted"/> (the parser reuses the
/// objects afterwards) and checks the ticket contract: each started ticket completed exactly once.
/// </summary>
public sealed class RecordingSink : IHttpTransactionSink
{
    private long _nextTicket = 1;
    private readonly HashSet<long> _open = [];

    public List<RecordedTransaction> Completed { get; } = [];

    public List<long> StartTimestamps { get; } = [];

    public List<string> Violations { get; } = [];

    public long OnTransactionStarted(long timestampMicros)
    {
        StartTimestamps.Add(timestampMicros);
        var ticket = _nextTicket++;
        _open.Add(ticket);
        return ticket;
    }

    public void OnTransactionCompleted(HttpTransaction transaction)
    {
        if (!_open.Remove(transaction.Ticket))
        {
            Violations.Add($"ticket {transaction.Ticket} completed but not open");
        }
        Completed.Add(RecordedTransaction.From(transaction));
    }

    public int OpenTickets => _open.Count;

    /// <summary>Transactions in ticket order (start order), as a sink emitting records would see them.</summary>
    public IReadOnlyList<RecordedTransaction> InTicketOrder => Completed.OrderBy(t => t.Ticket).ToList();
}
