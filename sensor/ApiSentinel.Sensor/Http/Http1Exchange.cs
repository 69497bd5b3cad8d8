using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Http;

/// <summary>
/// A pooled transaction with the request and response objects it owns, plus the pairing state the connection
/// needs: a transaction is delivered once both halves are done (or can no longer arrive).
/// </summary>
internal sealed class Http1Exchange
{
    public Http1Exchange(ConnectionInfo connection) => Transaction = new HttpTransaction(connection);

    public HttpTransaction Transaction { get; }

    public ParsedRequest Request { get; } = new();

    public ParsedResponse Response { get; } = new();

    public bool RequestDone { get; set; }

    public bool ResponseDone { get; set; }

    /// <summary>The request was versionless (HTTP/0.9): its response may have no status line.</summary>
    public bool SimpleRequest { get; set; }

    /// <summary>Bytes charged to the <see cref="PendingRequestBudget"/> while the request awaits its response.</summary>
    public long PendingCharge { get; set; }

    /// <summary>The connection whose request this is, while charged to the <see cref="PendingRequestBudget"/>; null otherwise.</summary>
    public Http1ConnectionHandler? PendingOwner { get; set; }

    /// <summary>Links of the budget's intrusive list of pending requests, in charge order across connections.</summary>
    public Http1Exchange? PendingOlder { get; set; }

    public Http1Exchange? PendingNewer { get; set; }

    /// <summary>Resets and wipes the bytes of every message this exchange carried, before it serves another connection.</summary>
    public void Scrub()
    {
        Request.Scrub();
        Response.Scrub();
        Reset();
    }

    public void Reset()
    {
        Request.Reset();
        Response.Reset();
        var t = Transaction;
        t.Request = null;
        t.Response = null;
        t.Flags = HttpTransactionFlags.None;
        t.InterimResponseCount = 0;
        t.Ticket = 0;
        RequestDone = false;
        ResponseDone = false;
        SimpleRequest = false;
    }
}
