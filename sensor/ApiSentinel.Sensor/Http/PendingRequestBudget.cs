namespace ApiSentinel.Sensor.Http;

/// <summary>
/// What requests awaiting their response hold across all connections of a pipeline (header storage, target and
/// inspected body, plus the exchange objects themselves), against <see cref="Http1Options.MaxPendingRequestBytes"/>.
/// The per-connection in-flight bound alone lets a flood multiply: 100 pipelined requests × every tracked
/// connection. Single-threaded, like the pipeline that owns it.
/// </summary>
internal sealed class PendingRequestBudget(long maxBytes)
{
    /// <summary>
    /// The exchange objects of a pending request (transaction, request and response with their default header
    /// and field arrays), charged on top of what its buffers hold. Estimated from the types' fields and arrays.
    /// </summary>
    public const int ExchangeOverheadBytes = 3 * 1024;

    public long MaxBytes { get; } = maxBytes;

    public long HeldBytes { get; private set; }

    public bool Exceeded => HeldBytes > MaxBytes;

    public void Charge(Http1Exchange exchange)
    {
        var bytes = ExchangeOverheadBytes + exchange.Request.RetainedBytes;
        exchange.PendingCharge += bytes;
        HeldBytes += bytes;
    }

    public void Discharge(Http1Exchange exchange)
    {
        HeldBytes -= exchange.PendingCharge;
        exchange.PendingCharge = 0;
    }
}
