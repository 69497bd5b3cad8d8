namespace ApiSentinel.Sensor.Extraction;

/// <summary>
/// Receives exchange records with the ordering tickets of <see cref="Http.IHttpTransactionSink"/>: a ticket is
/// taken when an exchange starts and redeemed once with its record.
/// </summary>
public interface IExchangeSink
{
    long OnExchangeStarted(long timestampMicros);

    void OnExchangeCompleted(long ticket, ExchangeRecord record);
}
