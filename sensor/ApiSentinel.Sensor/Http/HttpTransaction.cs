using ApiSentinel.Contract;
using ApiSentinel.Sensor.Decode;
using ApiSentinel.Sensor.Reassembly;

namespace ApiSentinel.Sensor.Http;

/// <summary>
/// A request paired with its response; either half may be missing (a response seen without its request, or a
/// request never answered). Delivered once to <see cref="IHttpTransactionSink.OnTransactionCompleted"/>; the
/// object and everything it points to are reused by the parser after that call returns.
/// </summary>
public sealed class HttpTransaction
{
    public HttpTransaction(ConnectionInfo connection)
    {
        Connection = connection;
        Client = connection.Client;
        Server = connection.Server;
    }

    /// <summary>Set anew when a pooled connection handler is reused for another connection.</summary>
    public ConnectionInfo Connection { get; internal set; }

    /// <summary>The side that sent the request: the connection's client unless the parser saw the roles reversed.</summary>
    public NetEndpoint Client { get; internal set; }

    public NetEndpoint Server { get; internal set; }

    /// <summary>The ordering ticket returned by <see cref="IHttpTransactionSink.OnTransactionStarted"/>.</summary>
    public long Ticket { get; internal set; }

    public ParsedRequest? Request { get; internal set; }

    public ParsedResponse? Response { get; internal set; }

    /// <summary>Interim (1xx) responses seen before the final one.</summary>
    public int InterimResponseCount { get; internal set; }

    public HttpTransactionFlags Flags { get; internal set; }

    /// <summary>What the recording client said the response was for (HAR <c>_resourceType</c>, a known word), or null from packets.</summary>
    public string? ResourceType { get; internal set; }

    /// <summary>
    /// How the exchange travelled. Plaintext for everything the packet parser reads — it only parses cleartext HTTP;
    /// a HAR entry sets it from its URL's scheme (a browser records https traffic decrypted).
    /// </summary>
    public Transport Transport { get; internal set; } = Transport.Plaintext;

    /// <summary>Capture time of the first byte of the request, or of the response when there is no request.</summary>
    public long StartMicros => Request?.StartMicros ?? Response?.StartMicros ?? 0;
}
