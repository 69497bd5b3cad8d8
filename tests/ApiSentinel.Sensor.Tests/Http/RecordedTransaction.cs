using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Http;

namespace ApiSentinel.Sensor.Tests.Http;

public sealed record RecordedTransaction(
    long Ticket,
    RecordedMessage? Request,
    RecordedMessage? Response,
    HttpTransactionFlags Flags,
    int InterimResponseCount,
    NetEndpoint Client,
    NetEndpoint Server,
    long StartMicros)
{
    public static RecordedTransaction From(HttpTransaction t) => new(
        t.Ticket,
        t.Request is null ? null : RecordedMessage.From(t.Request),
        t.Response is null ? null : RecordedMessage.From(t.Response),
        t.Flags,
        t.InterimResponseCount,
        t.Client,
        t.Server,
        t.StartMicros);

    public bool Has(HttpTransactionFlags flag) => (Flags & flag) == flag;
}
