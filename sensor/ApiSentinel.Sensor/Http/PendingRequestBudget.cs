namespace ApiSentinel.Sensor.Http;

/// <summary>
/// What requests awaiting their response hold across all connections of a pipeline (header storage, target and
/// inspected body, plus the exchange objects themselves), against <see cref="Http1Options.MaxPendingRequestBytes"/>.
/// The per-connection in-flight bound alone lets a flood multiply: 100 pipelined requests × every tracked
/// connection. Charged requests are kept in one intrusive list in charge order, so when the bound is passed the
/// globally oldest is given up (O(1)), whichever connection holds it: were the connection adding a request to pay
/// with its own oldest, 10 k idle connections each holding one stale request would fill the bound for good, and
/// every legitimate request after them would be delivered without its response. Single-threaded, like the
/// pipeline that owns it.
/// </summary>
internal sealed class PendingRequestBudget(long maxBytes)
{
    /// <summary>
    /// The exchange objects of a pending request (transaction, request and response with their default header
    /// and field arrays), charged on top of what its buffers hold. Estimated from the types' fields and arrays.
    /// </summary>
    public const int ExchangeOverheadBytes = 3 * 1024;

    private Http1Exchange? _oldest;
    private Http1Exchange? _newest;

    public long MaxBytes { get; } = maxBytes;

    public long HeldBytes { get; private set; }

    /// <summary>Requests charged and still awaiting their response.</summary>
    public int PendingCount { get; private set; }

    public bool Exceeded => HeldBytes > MaxBytes;

    /// <summary>The request charged first of those still pending, on any connection.</summary>
    public Http1Exchange? Oldest => _oldest;

    /// <summary>Charges a parsed request now waiting for its answer, as the newest pending one, to <paramref name="owner"/>'s account.</summary>
    public void Charge(Http1Exchange exchange, Http1ConnectionHandler owner)
    {
        if (exchange.PendingOwner is not null)
        {
            return;
        }
        var bytes = ExchangeOverheadBytes + exchange.Request.RetainedBytes;
        exchange.PendingCharge = bytes;
        exchange.PendingOwner = owner;
        HeldBytes += bytes;
        PendingCount++;
        exchange.PendingOlder = _newest;
        exchange.PendingNewer = null;
        if (_newest is null)
        {
            _oldest = exchange;
        }
        else
        {
            _newest.PendingNewer = exchange;
        }
        _newest = exchange;
    }

    /// <summary>The request is answered, delivered or given up: it no longer counts. Does nothing if it was not charged.</summary>
    public void Discharge(Http1Exchange exchange)
    {
        if (exchange.PendingOwner is null)
        {
            return;
        }
        HeldBytes -= exchange.PendingCharge;
        PendingCount--;
        if (exchange.PendingOlder is null)
        {
            _oldest = exchange.PendingNewer;
        }
        else
        {
            exchange.PendingOlder.PendingNewer = exchange.PendingNewer;
        }
        if (exchange.PendingNewer is null)
        {
            _newest = exchange.PendingOlder;
        }
        else
        {
            exchange.PendingNewer.PendingOlder = exchange.PendingOlder;
        }
        exchange.PendingCharge = 0;
        exchange.PendingOwner = null;
        exchange.PendingOlder = null;
        exchange.PendingNewer = null;
    }
}
