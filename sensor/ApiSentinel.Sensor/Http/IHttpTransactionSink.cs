namespace ApiSentinel.Sensor.Http;

/// <summary>
/// Receives transactions from the HTTP parsers. A transaction is <em>started</em> when its first byte is seen
/// (the request's, or an unsolicited response's) and <em>completed</em> once, when both halves are done or can
/// no longer arrive. The ticket lets a sink emit records in request order although connections complete
/// them out of order. Every started ticket is completed exactly once, at the latest when the connection closes.
/// </summary>
public interface IHttpTransactionSink
{
    long OnTransactionStarted(long timestampMicros);

    void OnTransactionCompleted(HttpTransaction transaction);
}
