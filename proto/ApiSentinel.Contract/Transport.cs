namespace ApiSentinel.Contract;

/// <summary>How a call travelled: what decides whether credentials and sensitive data crossed the network readable.</summary>
public enum Transport
{
    /// <summary>The source cannot tell (a HAR file without the scheme, an old sensor).</summary>
    Unknown = 0,

    /// <summary>Cleartext HTTP on the wire (what a packet sensor parses).</summary>
    Plaintext = 1,

    /// <summary>Inside TLS: seen decrypted by a proxy, an in-process hook or a HAR recorded by a browser over https.</summary>
    Tls = 2,
}
